"""Writes TEXT to the deployed bot as a person on Telegram would, through the local Bot API
stand-in's control port (a person's client: the Bot API itself lets no one speak as a user),
and prints the bot's first answer. Exits 1 when none came within 20 s.

    bot_say.py CONTROL_URL TEXT
"""
import json
import sys
import time
import urllib.request

control, text = sys.argv[1:3]
PERSON = 1001  # the person's Telegram user id (and private chat) on the stand-in


def call(path, params=None):
    request = urllib.request.Request(control + path, data=json.dumps(params).encode("utf-8")
                                     if params is not None else None,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


before = call("/messages?chat_id=%d" % PERSON)["messages"]
after = before[-1]["message_id"] if before else 0
call("/send", {"user_id": PERSON, "text": text})
deadline = time.monotonic() + 20
while time.monotonic() < deadline:
    replies = call("/messages?chat_id=%d&after=%d" % (PERSON, after))["messages"]
    if replies:
        print("you:  %s\nbot:  %s" % (text, replies[0]["text"]))
        sys.exit(0)
    time.sleep(0.3)
print("the bot did not answer %r within 20 s" % text, file=sys.stderr)
sys.exit(1)
