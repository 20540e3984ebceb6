"""The Bot API relay of one host. Every Telegram bot deployed here uses it as its API base
(TELEGRAM_API=http://127.0.0.1:PORT): each call is forwarded to the Bot API unchanged and its
answer returned unchanged. It exists because Telegram lets no one talk to a bot as a user
(https://core.telegram.org/bots/api has no such method): for a health check or a Tester's
check, the orchestrator hands a message "from" a check chat to the bot in its own getUpdates,
and the bot's answers to that chat are kept here instead of being sent. It also counts each
bot's calls, messages and errors (429, 403 "bot was blocked", 409) for the watcher.

Tokens appear in no log, no answer of the control socket and no error: a bot is named by the
number before the colon of its token, which getMe shows anyway.

Update ids: the relay never confirms an update on a bot's behalf. A bot's offset reaches
Telegram as the same update less the number of check messages handed to that bot so far (the
"shift", kept in state.json), and a real update reaches the bot as its id plus the shift, so
check messages slot in between without moving Telegram's offset, and a restart of the relay
loses nothing (at worst an update already seen comes again).

    bot_relay.py serve DIR UPSTREAM            the relay (its port: DIR/port, chosen once)
    bot_relay.py converse DIR BOT_ID TEXT MS   a check: prints JSON (delivered, replies, ...)
    bot_relay.py stats DIR                     counters per bot: prints JSON
"""
import hashlib
import http.client
import http.server
import json
import os
import random
import re
import select
import socket
import socketserver
import ssl
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

MAX_BODY = 50 * 1024 * 1024  # the Bot API's own upload limit for bots
CHECK_CHAT_BASE = 8_000_000_000_000  # far above any user's id: a chat only checks use
GRACE_S = 0.4  # after a bot's first answer, more may follow (a long reply in two messages)
MAX_BOTS = 1000  # bots remembered at once: anyone on loopback may name any bot id
BOT_ID = re.compile(r"^[0-9]{1,20}$")


def log(text):
    print("%s %s" % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), text), flush=True)


class Bot:
    """What the relay knows of one bot (by its id)."""

    def __init__(self, shift):
        self.shift = shift
        self.last_delivered = 0  # highest update id handed to the bot (relay's numbering)
        self.checks = []  # check messages waiting for the bot's next getUpdates
        self.check_chats = {}  # chat id → replies, for every check still listening
        self.counts = {"calls": 0, "updates": 0, "messages": 0, "errors": {}}
        self.last_error = None
        self.last_poll = 0.0
        self.polling = False
        self.good_token = None  # a hash of the token Telegram last accepted: checks go only to it
        self.webhook = None  # {url, secret} of the setWebhook Telegram accepted: checks go there


class Relay:
    def __init__(self, folder, upstream):
        self.folder, self.upstream = folder, upstream.rstrip("/")
        self.lock = threading.Condition()
        self.bots = {}
        self.shifts, self.webhooks = {}, {}
        try:
            with open(os.path.join(folder, "state.json"), encoding="utf-8") as state:
                saved = json.load(state)
            self.shifts = {k: int(v) for k, v in saved.get("shifts", {}).items()}
            self.webhooks = {k: dict(url=str(v["url"]), secret=str(v["secret"]))
                             for k, v in saved.get("webhooks", {}).items()}
        except (OSError, ValueError, AttributeError, KeyError, TypeError):
            pass

    def bot(self, bot_id):
        if bot_id not in self.bots:
            if len(self.bots) >= MAX_BOTS:  # the one heard from least lately, with no check
                idle = [k for k, b in self.bots.items() if not b.checks and not b.check_chats]
                if idle:
                    del self.bots[min(idle, key=lambda k: self.bots[k].last_poll)]
            self.bots[bot_id] = Bot(self.shifts.get(bot_id, 0))
            self.bots[bot_id].webhook = self.webhooks.get(bot_id)
        return self.bots[bot_id]

    def save_shifts(self):
        self.shifts.update({k: b.shift for k, b in self.bots.items()})
        for k, b in self.bots.items():
            if b.webhook:
                self.webhooks[k] = b.webhook
            else:
                self.webhooks.pop(k, None)
        path = os.path.join(self.folder, "state.json")
        with open(path + ".new", "w", encoding="utf-8") as out:
            json.dump({"shifts": self.shifts, "webhooks": self.webhooks}, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(path + ".new", path)

    def count_error(self, bot_id, bot, method, status, description):
        log("bot %s: %s answered %s %s" % (bot_id, method, status, description[:120]))
        errors = bot.counts["errors"]
        errors[str(status)] = errors.get(str(status), 0) + 1
        bot.last_error = {"status": status, "description": description[:300], "at": time.time()}

    # --- the Bot API side -------------------------------------------------------------------

    def forward(self, token, method, query, body, content_type, timeout):
        """The call as Telegram answers it: (status, body bytes)."""
        url = "%s/bot%s/%s%s" % (self.upstream, token, method, "?" + query if query else "")
        request = urllib.request.Request(url, data=body if body else None,
                                         headers={"Content-Type": content_type} if body else {})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
        except (OSError, ValueError) as error:
            reason = str(getattr(error, "reason", error)).replace(token, "<token>")
            return 502, json.dumps({"ok": False, "error_code": 502, "description":
                                    "Bad Gateway: the relay cannot reach the Bot API (%s)" %
                                    reason[:200]}).encode()

    def check_chat_of(self, bot, params):
        try:
            chat = int(params.get("chat_id"))
        except (TypeError, ValueError):
            return None
        return chat if chat in bot.check_chats else None

    def capture(self, bot, chat, method, params):
        """A call to a check's chat: kept, never sent; answered as Telegram would."""
        text = params.get("text") or params.get("caption") or ""
        if method.lower() in ("sendmessage", "editmessagetext"):
            # As strict as Telegram (https://core.telegram.org/bots/api#sendmessage: 1-4096
            # characters): a check passes only on what Telegram would have delivered.
            refusal = ("message text is empty" if not str(text).strip() else
                       "message is too long" if len(str(text)) > 4096 else None)
            if refusal:
                return 400, json.dumps({"ok": False, "error_code": 400,
                                        "description": "Bad Request: " + refusal}).encode()
        if method.lower() in ("sendmessage", "senddocument", "sendphoto", "editmessagetext"):
            bot.check_chats[chat].append(str(text)[:4096] or "[%s]" % method)
            self.lock.notify_all()
        result = {"message_id": random.randint(1, 2**31 - 1), "date": int(time.time()),
                  "chat": {"id": chat, "type": "private"}, "text": str(text)}
        return 200, json.dumps({"ok": True, "result": result if method.lower().startswith(
            ("send", "edit")) else True}).encode()

    def get_updates(self, bot_id, token, params, client_gone):
        bot_offset = as_int(params.get("offset"), 0)
        wait_s = max(0, min(as_int(params.get("timeout"), 0), 50))
        with self.lock:
            known = self.bot(bot_id).good_token == token_hash(token)
        if not known:  # a bot just started: its token checked now, not after a long poll
            status, _ = self.forward(token, "getMe", "", b"", "", 15)
            with self.lock:
                if status == 200:
                    self.bot(bot_id).good_token = token_hash(token)
        with self.lock:
            bot = self.bot(bot_id)
            bot.last_poll, bot.polling = time.time(), True
            accepted = bot.good_token == token_hash(token)
            if bot.checks and accepted:
                return 200, self.hand_checks(bot, bot_offset)
            shift = bot.shift
        # The bot's offset as Telegram's (everything below it confirmed): never beyond it.
        upstream = dict(params)
        upstream.pop("offset", None)
        if bot_offset < 0:
            upstream["offset"] = bot_offset
        elif bot_offset - shift > 0:
            upstream["offset"] = bot_offset - shift
        outcome = {}

        def ask():
            outcome["answer"] = self.forward(token, "getUpdates", "",
                                             json.dumps(upstream).encode(), "application/json",
                                             wait_s + 15)
            with self.lock:
                self.lock.notify_all()

        threading.Thread(target=ask, daemon=True).start()
        with self.lock:
            while "answer" not in outcome and not (bot.checks and accepted):
                self.lock.wait(0.5)
                if client_gone():  # a bot that stopped: its checks wait for the next poll
                    bot.polling = False
                    return None, None
            bot.polling = False
            if "answer" not in outcome:
                # A check came first: its message now; Telegram's answer, still unconfirmed,
                # comes again at the next call (which also ends this one with a 409 unseen).
                outcome["abandoned"] = True
                return 200, self.hand_checks(bot, bot_offset)
            status, answer = outcome["answer"]
            if status != 200:
                self.count_error(bot_id, bot, "getUpdates", status, description_of(answer))
                return status, answer
            bot.good_token = token_hash(token)
            try:
                parsed = json.loads(answer)
                updates = parsed["result"]
                for update in updates:
                    update["update_id"] = int(update["update_id"]) + bot.shift
                    bot.last_delivered = max(bot.last_delivered, update["update_id"])
                bot.counts["updates"] += len(updates)
                return 200, json.dumps(parsed).encode()
            except (ValueError, KeyError, TypeError):
                return status, answer

    def hand_checks(self, bot, bot_offset):
        """The waiting check messages as updates numbered after all the bot has seen."""
        last = max(bot.last_delivered, bot_offset - 1 if bot_offset > 0 else bot.shift)
        updates = []
        for check in bot.checks:
            last += 1
            bot.shift += 1
            check["delivered"] = True
            updates.append({"update_id": last, "message": check["message"]})
        bot.checks = []
        bot.last_delivered = last
        self.save_shifts()
        self.lock.notify_all()
        return json.dumps({"ok": True, "result": updates}).encode()

    def call(self, token, method, query, body, content_type, client_gone):
        bot_id = token.split(":", 1)[0]
        if not BOT_ID.match(bot_id):  # as the Bot API answers a token that is no token
            return 401, b'{"ok":false,"error_code":401,"description":"Unauthorized"}'
        params = params_of(query, body, content_type)
        with self.lock:
            bot = self.bot(bot_id)
            bot.counts["calls"] += 1
            chat = self.check_chat_of(bot, params)
            if chat is not None:
                return self.capture(bot, chat, method, params)
        if method.lower() == "getupdates":
            return self.get_updates(bot_id, token, params, client_gone)
        status, answer = self.forward(token, method, query, body, content_type, 60)
        with self.lock:
            if status != 200:
                self.count_error(bot_id, bot, method[:40], status, description_of(answer))
            else:
                bot.good_token = token_hash(token)
                if method.lower().startswith("send"):
                    bot.counts["messages"] += 1
                elif method.lower() in ("setwebhook", "deletewebhook"):
                    url = str(params.get("url") or "") if method.lower() == "setwebhook" else ""
                    bot.webhook = dict(url=url, secret=str(params.get("secret_token") or "")) \
                        if url else None
                    self.save_shifts()
        return status, answer

    # --- the control side (a Unix socket only root and the relay's user reach) ----------------

    def post_to_webhook(self, bot, update, ca_pem):
        """A check's update posted as Telegram posts it, through this host's own Caddy (the
        webhook's host is this one); a method in the answer counts as the bot's reply."""
        url = urllib.parse.urlsplit(bot.webhook["url"])
        context = ssl.create_default_context()
        if ca_pem:
            context.load_verify_locations(cadata=ca_pem)
        try:
            raw = socket.create_connection(("127.0.0.1", url.port or 443), timeout=10)
            connection = http.client.HTTPConnection(url.hostname, url.port or 443, timeout=10)
            connection.sock = context.wrap_socket(raw, server_hostname=url.hostname)
            headers = {"Content-Type": "application/json"}
            if bot.webhook["secret"]:
                headers["X-Telegram-Bot-Api-Secret-Token"] = bot.webhook["secret"]
            connection.request("POST", url.path or "/", json.dumps(update).encode(), headers)
            response = connection.getresponse()
            answer = response.read(1 << 20)
            connection.close()
        except (OSError, ssl.SSLError, http.client.HTTPException) as error:
            return False, "the webhook cannot be reached: %s" % str(error)[:200]
        if not 200 <= response.status < 300:
            return False, "the webhook answered HTTP %d" % response.status
        try:
            method = json.loads(answer) if answer.strip() else {}
            if isinstance(method, dict) and str(method.get("method", "")).lower() == \
                    "sendmessage" and str(method.get("text", "")).strip():
                with self.lock:
                    chat = as_int(method.get("chat_id"), 0)
                    if chat in bot.check_chats:
                        bot.check_chats[chat].append(str(method["text"])[:4096])
                        self.lock.notify_all()
        except ValueError:
            pass
        return True, None

    def converse(self, bot_id, text, timeout_ms, ca_pem=None):
        chat = CHECK_CHAT_BASE + random.randint(1, 2**40)
        message = {"message_id": random.randint(1, 2**31 - 1), "date": int(time.time()),
                   "from": {"id": chat, "is_bot": False, "first_name": "Orchestrator check",
                            "language_code": "en"},
                   "chat": {"id": chat, "type": "private", "first_name": "Orchestrator check"},
                   "text": text}
        if text.startswith("/"):  # as Telegram marks a command
            message["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": len(text.split(" ", 1)[0])}]
        check = {"message": message, "delivered": False}
        started = time.time()
        deadline = time.monotonic() + timeout_ms / 1000.0
        with self.lock:
            bot = self.bot(bot_id)
            bot.check_chats[chat] = replies = []
            webhook = bot.webhook
            if not webhook:
                bot.checks.append(check)
            self.lock.notify_all()
        webhook_error = None
        if webhook:
            update = {"update_id": random.randint(1, 2**31 - 1), "message": message}
            check["delivered"], webhook_error = self.post_to_webhook(bot, update, ca_pem)
        with self.lock:
            first_reply = None
            while time.monotonic() < deadline and not webhook_error:
                if replies and first_reply is None:
                    first_reply = time.monotonic()
                if first_reply is not None and time.monotonic() > first_reply + GRACE_S:
                    break
                self.lock.wait(0.05)
            if check in bot.checks:  # never fetched: it must not reach the bot later
                bot.checks.remove(check)
            # Later answers to the chat are still kept (never sent to Telegram), for a while.
            threading.Timer(60, self.forget_chat, (bot_id, chat)).start()
            error = dict(bot.last_error, age_s=round(time.time() - bot.last_error["at"])) \
                if bot.last_error else None
            return {"ok": True, "delivered": check["delivered"], "replies": list(replies),
                    "webhook": bool(webhook), "webhook_error": webhook_error,
                    # polling now, or asked for updates while the check waited
                    "polling": bool(webhook) or bot.polling or bot.last_poll >= started,
                    "polled_ever": bot.last_poll > 0, "last_error": error,
                    "counts": bot.counts}

    def forget_chat(self, bot_id, chat):
        with self.lock:
            self.bot(bot_id).check_chats.pop(chat, None)

    def stats(self):
        with self.lock:
            return {"ok": True, "bots": {k: dict(b.counts, last_error=b.last_error,
                                                 polling=b.polling,
                                                 last_poll_age_s=round(time.time() - b.last_poll)
                                                 if b.last_poll else None)
                                         for k, b in self.bots.items()}}


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


def as_int(value, fallback):
    try:
        return int(value)
    except (TypeError, ValueError):
        return fallback


def description_of(answer):
    try:
        return str(json.loads(answer).get("description", ""))
    except (ValueError, AttributeError):
        return answer[:200].decode("utf-8", "replace")


def params_of(query, body, content_type):
    """The parameters the relay looks at (chat_id, offset, timeout, text) however sent."""
    params = dict(urllib.parse.parse_qsl(query))
    if not body:
        return params
    if content_type.startswith("application/json"):
        try:
            parsed = json.loads(body)
            if isinstance(parsed, dict):
                params.update(parsed)
        except ValueError:
            pass
    elif content_type.startswith("application/x-www-form-urlencoded"):
        params.update(urllib.parse.parse_qsl(body.decode("utf-8", "replace")))
    elif content_type.startswith("multipart/form-data"):
        for name in ("chat_id", "caption"):
            found = re.search(rb'name="%s"\r\n\r\n([^\r]*)' % name.encode(), body)
            if found:
                params[name] = found.group(1).decode("utf-8", "replace")
    return params


def make_handler(relay):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def answer(self, status, body):
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def serve(self):
            path, _, query = self.path.partition("?")
            parts = path.split("/")
            if len(parts) != 3 or parts[0] or not parts[1].startswith("bot") or ":" not in parts[1]:
                # As the Bot API answers a path it does not serve.
                return self.answer(404, b'{"ok":false,"error_code":404,"description":"Not Found"}')
            length = as_int(self.headers.get("Content-Length"), 0)
            if length < 0 or length > MAX_BODY:
                self.close_connection = True
                return self.answer(413, b'{"ok":false,"error_code":413,'
                                        b'"description":"Request Entity Too Large"}')
            body = self.rfile.read(length) if length else b""
            status, answer = relay.call(parts[1][3:], parts[2], query, body,
                                        self.headers.get("Content-Type", ""), self.client_gone)
            if status is None:
                self.close_connection = True
                return
            self.answer(status, answer)

        def client_gone(self):
            """Whether the bot hung up (a long poll of a bot that was stopped)."""
            readable, _, _ = select.select([self.connection], [], [], 0)
            if not readable:
                return False
            try:
                return self.connection.recv(1, socket.MSG_PEEK) == b""
            except OSError:
                return True

        do_GET = do_POST = serve

        def log_message(self, *args):  # request lines carry tokens: never logged
            pass

    return Handler


class ControlHandler(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            request = json.loads(self.rfile.readline(65536))
            relay = self.server.relay
            if request.get("op") == "converse":
                answer = relay.converse(str(request["bot"]), str(request["text"])[:4096],
                                        max(100, min(int(request["timeout_ms"]), 120000)),
                                        request.get("ca_pem") or None)
            elif request.get("op") == "stats":
                answer = relay.stats()
            else:
                answer = {"ok": False, "error": "unknown op"}
        except (ValueError, KeyError, TypeError) as error:
            answer = {"ok": False, "error": str(error)[:200]}
        self.wfile.write(json.dumps(answer).encode() + b"\n")


class ControlServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def serve(folder, upstream):
    os.umask(0o077)
    relay = Relay(folder, upstream)
    port_file = os.path.join(folder, "port")
    port = as_int(open(port_file).read().strip(), 0) if os.path.exists(port_file) else 0
    http.server.ThreadingHTTPServer.daemon_threads = True
    for attempt in range(50):  # the port of before may be held for a moment after a restart
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", port), make_handler(relay))
            break
        except OSError:
            time.sleep(0.1)
    else:
        sys.exit("bot relay: cannot listen on 127.0.0.1:%d" % port)
    with open(port_file + ".new", "w") as out:
        out.write(str(server.server_address[1]))
    os.replace(port_file + ".new", port_file)
    control_path = os.path.join(folder, "control.sock")
    if os.path.exists(control_path):
        os.remove(control_path)
    control = ControlServer(control_path, ControlHandler)
    os.chmod(control_path, 0o600)
    control.relay = relay
    threading.Thread(target=control.serve_forever, daemon=True).start()
    log("relaying 127.0.0.1:%d to %s" % (server.server_address[1], upstream))
    server.serve_forever()


def ask(folder, request, timeout_s):
    """One control call: the relay's answer, or exit 3 when no relay answers there."""
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    client.settimeout(timeout_s)
    try:
        client.connect(os.path.join(folder, "control.sock"))
        client.sendall(json.dumps(request).encode() + b"\n")
        data = b""
        while not data.endswith(b"\n"):
            chunk = client.recv(65536)
            if not chunk:
                break
            data += chunk
        print(data.decode("utf-8", "replace").strip())
    except OSError as error:
        print(json.dumps({"ok": False, "error": "no relay answers at %s: %s" % (folder, error)}))
        sys.exit(3)


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "serve" and len(sys.argv) == 4:
        serve(sys.argv[2], sys.argv[3])
    elif command == "converse" and len(sys.argv) == 6:
        timeout_ms = as_int(sys.argv[5], 10000)
        request = {"op": "converse", "bot": sys.argv[3], "text": sys.argv[4],
                   "timeout_ms": timeout_ms}
        try:  # the host's Caddy CA, which only root reads: for a webhook bot's check
            with open(os.path.join(sys.argv[2], "webhook-ca"), encoding="utf-8") as path:
                with open(path.read().strip(), encoding="ascii") as pem:
                    request["ca_pem"] = pem.read(65536)
        except OSError:
            pass
        ask(sys.argv[2], request, timeout_ms / 1000.0 + 10)
    elif command == "stats" and len(sys.argv) == 3:
        ask(sys.argv[2], {"op": "stats"}, 10)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
