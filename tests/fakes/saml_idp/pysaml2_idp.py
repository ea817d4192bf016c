#!/usr/bin/python3
"""A SAML identity provider for Latch's SAML SSO connector tests: pysaml2 (Debian's
python3-pysaml2, signing through the xmlsec1 command) playing the IdP of a company.

  metadata  prints the IdP's metadata XML (HTTP-Redirect and HTTP-POST SingleSignOnService).
  respond   answers an HTTP-Redirect AuthnRequest URL (as Latch sent the browser to it) for the
            SP whose metadata is in --sp-metadata: prints JSON {acs, SAMLResponse, RelayState}
            with a Response carrying a signed Assertion for --name-id, with the attributes
            email, displayName and groups. --check-signature CERT first verifies the request's
            query signature with the SP's certificate (signed AuthnRequests).
  serve     an HTTP IdP on 127.0.0.1 (port 0; prints "listening PORT" on stdout; "{port}" in
            --sso-url and --entity-id becomes that port): GET /metadata is its metadata, GET /sso
            a page with a "Sign in as alice" form whose POST answers with the auto-submitting
            HTTP-POST form to the SP's ACS (for the browser test).

Every command exits non-zero with the reason on stderr when pysaml2 refuses something.
"""
import argparse
import atexit
import base64
import html
import json
import os
import shutil
import signal
import sys
import tempfile
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs, urlparse

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from saml2.sigver import verify_redirect_signature
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256


# Attribute names as Okta or Google send them ("email", not pysaml2's basic map's
# urn:mace:dir:attribute-def:email): a map of our own, written once per process.
ATTRIBUTE_MAP = (
    'MAP = {"identifier": "urn:oasis:names:tc:SAML:2.0:attrname-format:basic",'
    ' "fro": {"email": "email", "displayName": "displayName", "groups": "groups"},'
    ' "to": {"email": "email", "displayname": "displayName", "groups": "groups"}}\n'
)


MAP_DIR = []


def attribute_map_dir():
    if not MAP_DIR:
        directory = tempfile.mkdtemp(prefix="latch-pysaml2-maps-")
        atexit.register(shutil.rmtree, directory, True)
        with open(os.path.join(directory, "latch_plain_names.py"), "w", encoding="ascii") as file:
            file.write(ATTRIBUTE_MAP)
        MAP_DIR.append(directory)
    return MAP_DIR[0]


def idp(args, sp_metadata=None):
    config = IdPConfig()
    config.load({
        "attribute_map_dir": attribute_map_dir(),
        "entityid": args.entity_id,
        "key_file": args.key,
        "cert_file": args.cert,
        "xmlsec_binary": shutil.which("xmlsec1"),
        "metadata": {"local": [sp_metadata]} if sp_metadata else {},
        "accepted_time_diff": 60,
        "allow_unknown_attributes": True,
        "service": {
            "idp": {
                "endpoints": {
                    "single_sign_on_service": [
                        (args.sso_url, BINDING_HTTP_REDIRECT),
                        (args.sso_url, BINDING_HTTP_POST),
                    ]
                },
                "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
                "policy": {
                    "default": {
                        "lifetime": {"minutes": 5},
                        "attribute_restrictions": None,
                        "name_form": NAME_FORMAT_BASIC,
                    }
                },
                "want_authn_requests_signed": False,
                "signing_algorithm": SIG_RSA_SHA256,
                "digest_algorithm": DIGEST_SHA256,
            }
        },
    })
    return Server(config=config)


def answer(args, url):
    """The Response to the AuthnRequest in `url` (a query with SAMLRequest and RelayState)."""
    server = idp(args, args.sp_metadata)
    query = {k: v[0] for k, v in parse_qs(urlparse(url).query).items()}
    if args.check_signature:
        with open(args.check_signature, encoding="ascii") as file:
            cert = "".join(line for line in file.read().splitlines() if "-----" not in line)
        if not verify_redirect_signature(query, server.sec.sec_backend, cert=cert):
            sys.exit("pysaml2 refused the AuthnRequest's query signature")
    request = server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT).message
    acs = request.assertion_consumer_service_url
    identity = {"email": [args.email], "displayName": [args.name], "groups": ["admins", "staff"]}
    response = server.create_authn_response(
        identity=identity,
        in_response_to=request.id,
        destination=acs,
        sp_entity_id=request.issuer.text,
        name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=args.name_id),
        authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
        sign_response=False,
        sign_assertion=True,
        sign_alg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )
    return {
        "acs": acs,
        "SAMLResponse": base64.b64encode(str(response).encode()).decode(),
        "RelayState": query.get("RelayState", ""),
    }


def metadata(args):
    print(str(entity_descriptor(idp(args).config)))


def respond(args):
    print(json.dumps(answer(args, args.url)))


def serve(args):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *_):
            pass

        def page(self, body):
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if urlparse(self.path).path == "/metadata":
                data = str(entity_descriptor(idp(args).config)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/samlmetadata+xml")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
            # The sign-in page of the IdP: one button, which carries the request on.
            query = html.escape(urlparse(self.path).query, quote=True)
            self.page(
                "<!doctype html><title>Acme IdP</title><h1>Acme IdP</h1>"
                f'<form method="post" action="/sso?{query}">'
                '<button type="submit" id="idp-sign-in">Sign in as alice</button></form>')

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            self.rfile.read(length)
            try:
                out = answer(args, self.path)
            except Exception as error:  # pylint: disable=broad-except
                self.send_error(400, str(error))
                return
            fields = "".join(
                f'<input type="hidden" name="{k}" value="{html.escape(out[k], quote=True)}">'
                for k in ("SAMLResponse", "RelayState") if out[k])
            self.page(
                "<!doctype html><title>Acme IdP</title>"
                f'<form method="post" action="{html.escape(out["acs"], quote=True)}">{fields}'
                '<button type="submit" id="idp-continue">Continue</button></form>'
                "<script>document.forms[0].submit()</script>")

    # SIGTERM (the test's kill) exits normally, so the temporary attribute map goes too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    httpd = HTTPServer(("127.0.0.1", args.port), Handler)
    port = httpd.server_address[1]
    # --sso-url is a template until the port is known: {port} is replaced.
    args.sso_url = args.sso_url.replace("{port}", str(port))
    args.entity_id = args.entity_id.replace("{port}", str(port))
    print(f"listening {port}", flush=True)
    httpd.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, fn in (("metadata", metadata), ("respond", respond), ("serve", serve)):
        sub = commands.add_parser(name)
        sub.set_defaults(fn=fn)
        for option in ("entity-id", "sso-url", "key", "cert"):
            sub.add_argument("--" + option, required=True)
        if name != "metadata":
            sub.add_argument("--sp-metadata", required=True)
            sub.add_argument("--name-id", required=True)
            sub.add_argument("--email", required=True)
            sub.add_argument("--name", default="")
            sub.add_argument("--check-signature", default="")
        if name == "respond":
            sub.add_argument("--url", required=True)
        if name == "serve":
            sub.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    args.fn(args)


if __name__ == "__main__":
    main()
