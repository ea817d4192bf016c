#!/usr/bin/python3
"""The other side of Latch's SAML interop tests: pysaml2 (Debian's python3-pysaml2, signing
and verifying through the xmlsec1 command) as an IdP and as an SP. Driven by
tests/interop/saml.test.mjs; each command prints its result on stdout (XML, base64 or JSON)
and exits non-zero with the reason on stderr when pysaml2 refuses something.

Usage: pysaml2_side.py COMMAND --option value ...   (see the subparsers below)
"""
import argparse
import base64
import json
import re
import shutil
import sys
from urllib.parse import parse_qs, urlparse

from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.client import Saml2Client
from saml2.config import IdPConfig, SPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_EMAILADDRESS, NameID
from saml2.server import Server
from saml2.sigver import verify_redirect_signature
from saml2.xmldsig import DIGEST_SHA256, SIG_RSA_SHA256


def common(args, metadata):
    return {
        "entityid": args.entity_id,
        "key_file": args.key,
        "cert_file": args.cert,
        "xmlsec_binary": shutil.which("xmlsec1"),
        "metadata": {"local": [metadata]} if metadata else {},
        "accepted_time_diff": 60,
        "allow_unknown_attributes": True,
    }


def idp_server(args, sp_metadata=None):
    conf = common(args, sp_metadata)
    conf["service"] = {
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
            # The query signature of a Redirect request is checked by idp_parse_request itself.
            "want_authn_requests_signed": False,
            "signing_algorithm": SIG_RSA_SHA256,
            "digest_algorithm": DIGEST_SHA256,
        }
    }
    config = IdPConfig()
    config.load(conf)
    return Server(config=config)


def sp_client(args, idp_metadata=None, unsolicited=False):
    conf = common(args, idp_metadata)
    conf["service"] = {
        "sp": {
            "endpoints": {"assertion_consumer_service": [(args.acs_url, BINDING_HTTP_POST)]},
            "name_id_format": [NAMEID_FORMAT_EMAILADDRESS],
            "want_assertions_signed": True,
            "want_response_signed": False,
            "authn_requests_signed": True,
            "allow_unsolicited": unsolicited,
        }
    }
    config = SPConfig()
    config.load(conf)
    return Saml2Client(config=config)


def idp_metadata(args):
    print(str(entity_descriptor(idp_server(args).config)))


def sp_metadata(args):
    print(str(entity_descriptor(sp_client(args).config)))


def idp_response(args):
    """A Response with a signed Assertion for the SP in --sp-metadata, base64 as in a form."""
    idp = idp_server(args, args.sp_metadata)
    response = idp.create_authn_response(
        identity={"email": [args.name_id], "groups": ["admins", "staff"]},
        in_response_to=args.in_response_to,
        destination=args.acs_url,
        sp_entity_id=args.sp_entity_id,
        name_id=NameID(format=NAMEID_FORMAT_EMAILADDRESS, text=args.name_id),
        authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
        sign_response=False,
        sign_assertion=True,
        sign_alg=SIG_RSA_SHA256,
        digest_alg=DIGEST_SHA256,
    )
    print(base64.b64encode(str(response).encode()).decode())


def sp_accept(args):
    """Validates a base64 Response from the IdP in --idp-metadata, as an SP that sent
    --request-id."""
    unsolicited = args.request_id == "none"  # IdP-initiated: a Response nobody asked for
    client = sp_client(args, args.idp_metadata, unsolicited)
    with open(args.response, encoding="ascii") as file:
        encoded = file.read().strip()
    outstanding = {} if unsolicited else {args.request_id: "/"}
    parsed = client.parse_authn_request_response(encoded, BINDING_HTTP_POST, outstanding=outstanding)
    if parsed is None:
        sys.exit("pysaml2 refused the Response")
    print(json.dumps({"name_id": parsed.name_id.text, "issuer": parsed.issuer(), "ava": parsed.ava}))


def sp_request(args):
    """An AuthnRequest to the IdP in --idp-metadata by --binding (redirect or post), signed
    unless --sign is "no": JSON with the request id and the URL (redirect) or the form fields
    (post)."""
    client = sp_client(args, args.idp_metadata)
    binding = BINDING_HTTP_REDIRECT if args.binding == "redirect" else BINDING_HTTP_POST
    request_id, info = client.prepare_for_authenticate(
        relay_state=args.relay_state,
        binding=binding,
        sign=args.sign != "no",
        sigalg=SIG_RSA_SHA256 if args.sign != "no" else None,
        digest_alg=DIGEST_SHA256,
    )
    if binding == BINDING_HTTP_REDIRECT:
        print(json.dumps({"id": request_id, "url": dict(info["headers"])["Location"]}))
        return
    html = info["data"]
    fields = dict(re.findall(r'name="(SAMLRequest|RelayState)" value="([^"]*)"', html))
    action = re.search(r'action="([^"]*)"', html).group(1)
    print(json.dumps({"id": request_id, "action": action, "fields": fields}))


def idp_parse_request(args):
    """Checks the query signature of an HTTP-Redirect AuthnRequest URL with the SP's
    certificate, then parses the request."""
    idp = idp_server(args, args.sp_metadata)
    query = {k: v[0] for k, v in parse_qs(urlparse(args.url).query).items()}
    with open(args.sp_cert, encoding="ascii") as file:
        cert = "".join(line for line in file.read().splitlines() if "-----" not in line)
    if not verify_redirect_signature(query, idp.sec.sec_backend, cert=cert):
        sys.exit("pysaml2 refused the query signature")
    request = idp.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT).message
    print(json.dumps({
        "id": request.id,
        "issuer": request.issuer.text,
        "acs_url": request.assertion_consumer_service_url,
        "destination": request.destination,
        "relay_state": query.get("RelayState"),
    }))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    table = {
        "idp-metadata": (idp_metadata, ["sso-url"]),
        "sp-metadata": (sp_metadata, ["acs-url"]),
        "idp-response": (idp_response, ["sso-url", "sp-metadata", "sp-entity-id", "acs-url",
                                        "in-response-to", "name-id"]),
        "sp-accept": (sp_accept, ["acs-url", "idp-metadata", "response", "request-id"]),
        "idp-parse-request": (idp_parse_request, ["sso-url", "sp-metadata", "sp-cert", "url"]),
        "sp-request": (sp_request, ["acs-url", "idp-metadata", "binding", "relay-state", "sign"]),
    }
    for name, (function, options) in table.items():
        command = commands.add_parser(name)
        command.set_defaults(run=function)
        for option in ["entity-id", "key", "cert", *options]:
            command.add_argument("--" + option, required=True)
    args = parser.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
