"""A tiny HTTP server on 127.0.0.1 that answers like the LINE Messaging API.

with FakeLine() as line:          # settings.LINE_API_URL = line.url
    line.answer(429, {"Retry-After": "2"})    # the next request gets this
    ...
    line.pushed  ->  [(to, text), ...]       # every push received (retries included)
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SENT = {"sentMessages": [{"id": "461230966842064897", "quoteToken": "IStG5h1Tz7b..."}]}


class FakeLine:
    def __init__(self):
        self.requests = []
        self._answers = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status, headers = fake._answers.pop(0) if fake._answers else (200, {})
                payload = json.dumps(SENT if status == 200 else {"message": f"fake {status}"})
                data = payload.encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, status, headers=None, times=1):
        self._answers.extend([(status, headers or {})] * times)

    @property
    def pushed(self):
        return [
            (r["body"]["to"], r["body"]["messages"][0]["text"])
            for r in self.requests
            if r["path"] == "/v2/bot/message/push"
        ]
