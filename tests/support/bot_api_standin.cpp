// The local stand-in for the Telegram Bot API as a program, for the offline bot demo: a
// deployed bot (through its relay) long-polls it with TOKEN, as it would api.telegram.org.
// Prints the Bot API's base URL on the first line and the control port's on the second (a
// person's client: scripts/lib/bot_say.py), and serves until killed.
//
//   bot_api_standin TOKEN [USERNAME]

#include "FakeTelegramServer.h"

#include <QCoreApplication>
#include <cstdio>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2 && argc != 3) {
        std::fprintf(stderr, "usage: bot_api_standin TOKEN [USERNAME]\n");
        return 2;
    }
    orch::test::FakeTelegramServer server{QByteArray(argv[1])};
    if (argc == 3)
        server.setUsername(QString::fromUtf8(argv[2]));
    if (!server.listen()) {
        std::fprintf(stderr, "bot_api_standin: cannot listen on 127.0.0.1\n");
        return 1;
    }
    std::printf("%s\n%s\n", qPrintable(server.baseUrl().toString()),
                qPrintable(server.controlUrl().toString()));
    std::fflush(stdout);
    return app.exec();
}
