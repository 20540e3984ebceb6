"""Sends TEXT to a deployed bot as a user, through the test-user side of the local Bot API
stand-in, and prints the bot's first reply. Exits 1 when none came within 20 s.

    bot_say.py API_BASE TOKEN_FILE TEXT
"""
import json
import sys
import time
import urllib.request

base, token_file, text = sys.argv[1:4]
token = open(token_file, encoding="utf-8").read().strip()


def call(method, params):
    request = urllib.request.Request("%s/testuser%s/%s" % (base, token, method),
                                     data=json.dumps(params).encode("utf-8"),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))["result"]


sent = call("sendMessage", {"text": text})
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    replies = call("getReplies", {"chat_id": sent["chat"]["id"], "after_message_id": sent["message_id"]})
    if replies:
        print("you:  %s\nbot:  %s" % (text, replies[0]["text"]))
        sys.exit(0)
    time.sleep(0.3)
print("the bot did not answer %r within 20 s" % text, file=sys.stderr)
sys.exit(1)
