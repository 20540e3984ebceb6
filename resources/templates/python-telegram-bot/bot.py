"""A Telegram bot (standard library only): long polling, or a webhook when the deploy gives
it WEBHOOK_URL (deploy.json `"updates": "webhook"`: it listens on PORT behind Caddy)."""
# Project: {{project_name|line}}
import http.server
import hmac
import json
import os
import time
import traceback
import urllib.error
import urllib.request

import handlers

# Set by the deploy: the host's Bot API relay, which forwards to api.telegram.org.
API = os.environ.get("TELEGRAM_API", "https://api.telegram.org")


def call(token, method, **params):
    request = urllib.request.Request(
        "%s/bot%s/%s" % (API, token, method),
        data=json.dumps(params).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode("utf-8"))


def pause_after(error):
    """How long to wait after a failed call: Telegram's retry_after on a 429, else 5 s."""
    if isinstance(error, urllib.error.HTTPError) and error.code == 429:
        try:
            return int(json.loads(error.read())["parameters"]["retry_after"])
        except (ValueError, KeyError, TypeError):
            pass
    return 5


def answer(token, update):
    message = update.get("message") or {}
    text = message.get("text")
    if text:
        call(token, "sendMessage", chat_id=message["chat"]["id"], text=handlers.reply(text))


def serve_webhook(token):
    """Telegram posts each update here with the secret it was given; anything else is refused."""
    secret = os.environ.get("WEBHOOK_SECRET", "")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            given = self.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
            length = int(self.headers.get("Content-Length") or 0)
            if not hmac.compare_digest(given, secret) or not 0 < length <= 1 << 20:
                self.send_response(403)
                self.end_headers()
                return
            update = json.loads(self.rfile.read(length).decode("utf-8"))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()
            try:
                answer(token, update)
            except Exception:
                traceback.print_exc()

        def log_message(self, *args):
            pass

    call(token, "setWebhook", url=os.environ["WEBHOOK_URL"], secret_token=secret,
         allowed_updates=["message"])
    http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])),
                                    Handler).serve_forever()


def main():
    token = os.environ["BOT_TOKEN"]
    if os.environ.get("WEBHOOK_URL"):
        return serve_webhook(token)
    try:  # a webhook left from before would make Telegram refuse getUpdates (409)
        call(token, "deleteWebhook")
    except (OSError, ValueError) as error:
        print("deleteWebhook failed: %s" % error, flush=True)
    offset = 0
    while True:
        try:
            updates = call(token, "getUpdates", offset=offset, timeout=50)
        except (OSError, ValueError) as error:
            print("getUpdates failed: %s" % error, flush=True)
            time.sleep(pause_after(error))
            continue
        for update in updates.get("result", []):
            offset = update["update_id"] + 1
            try:  # one message that fails must not stop the bot for everyone
                answer(token, update)
            except Exception:
                traceback.print_exc()


if __name__ == "__main__":
    main()
