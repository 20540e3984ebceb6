// The local stand-in for the Telegram Bot API as a program, for the offline bot demo: a
// deployed bot long-polls it with TOKEN, and the test-user side lets the demo talk to that
// bot as a person would. Prints its base URL on the first line and serves until killed.
//
//   bot_api_standin TOKEN

#include "FakeTelegramServer.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: bot_api_standin TOKEN\n");
        return 2;
    }
    orch::test::FakeTelegramServer server{QByteArray(argv[1])};
    if (!server.listen()) {
        std::fprintf(stderr, "bot_api_standin: cannot listen on 127.0.0.1\n");
        return 1;
    }
    std::printf("%s\n", qPrintable(server.baseUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
