#!/usr/bin/env python3
"""Sign in to Latch from a terminal with the OAuth 2.0 device authorization grant (RFC 8628).

The program asks Latch for a device code, shows the person where to enter the user code, polls
the token endpoint (honouring `interval` and `slow_down`), and prints the user's claims from the
UserInfo endpoint. Only Python's standard library is used.

    device_login.py --endpoint http://localhost:3001 --client-id <native app id with device flow>
"""

import argparse
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def post_form(url, fields):
    """POSTs `fields` form-encoded; returns (status, parsed JSON body)."""
    body = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def get_json(url, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as r:
        return json.load(r)


def discover(endpoint):
    """The provider's metadata (OIDC Discovery): where the device and token endpoints are."""
    return get_json(f"{endpoint.rstrip('/')}/oidc/.well-known/openid-configuration")


def start(metadata, client_id, scope):
    """RFC 8628 §3.1: asks for a device code and a user code."""
    status, body = post_form(
        metadata["device_authorization_endpoint"], {"client_id": client_id, "scope": scope}
    )
    if status != 200:
        sys.exit(f"device authorization failed: {body.get('error')}: {body.get('error_description')}")
    return body


def poll(metadata, client_id, device):
    """RFC 8628 §3.4, §3.5: polls until the person decides or the code expires."""
    interval = device.get("interval", 5)
    deadline = time.monotonic() + device["expires_in"]
    while time.monotonic() < deadline:
        time.sleep(interval)
        status, body = post_form(
            metadata["token_endpoint"],
            {"grant_type": DEVICE_GRANT, "device_code": device["device_code"], "client_id": client_id},
        )
        if status == 200:
            return body
        error = body.get("error")
        if error == "authorization_pending":
            continue
        if error == "slow_down":
            interval += 5
            continue
        sys.exit(f"sign-in failed: {error}: {body.get('error_description')}")
    sys.exit("sign-in failed: the code expired")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint", default="http://localhost:3001", help="Latch's public URL")
    parser.add_argument("--client-id", required=True, help="a Native app with device flow")
    parser.add_argument("--scope", default="openid profile email offline_access")
    args = parser.parse_args()

    metadata = discover(args.endpoint)
    device = start(metadata, args.client_id, args.scope)
    print(f"To sign in, open {device['verification_uri']} and enter the code {device['user_code']}")
    print(f"(or open {device['verification_uri_complete']})", flush=True)
    tokens = poll(metadata, args.client_id, device)
    claims = get_json(metadata["userinfo_endpoint"], tokens["access_token"])
    print("Signed in. Your claims:")
    print(json.dumps(claims, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
