"""A Telegram bot (long polling, standard library only)."""
# Project: {{project_name|line}}
import json
import os
import time
import urllib.request

import handlers

API = os.environ.get("TELEGRAM_API", "https://api.telegram.org")


def call(token, method, **params):
    request = urllib.request.Request(
        "%s/bot%s/%s" % (API, token, method),
        data=json.dumps(params).encode("utf-8"),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode("utf-8"))


def main():
    token = os.environ["BOT_TOKEN"]
    offset = 0
    while True:
        try:
            updates = call(token, "getUpdates", offset=offset, timeout=50)
        except OSError as error:
            print("getUpdates failed: %s" % error, flush=True)
            time.sleep(5)
            continue
        for update in updates.get("result", []):
            offset = update["update_id"] + 1
            message = update.get("message") or {}
            text = message.get("text")
            if text:
                call(token, "sendMessage", chat_id=message["chat"]["id"], text=handlers.reply(text))


if __name__ == "__main__":
    main()
