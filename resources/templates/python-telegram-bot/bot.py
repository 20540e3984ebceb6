"""A Telegram bot (long polling, standard library only)."""
# Project: {{project_name|line}}
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


def main():
    token = os.environ["BOT_TOKEN"]
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
