#!/usr/bin/env python3
"""Sends hostile GraphQL documents to a running API, one at a time, and prints how long each took and how it was
answered. Usage: python3 benchmarks/DocumentLimits/attack.py [http://127.0.0.1:5080/graphql] [repeats]
Start the API first, e.g. in Release with Production settings:
  dotnet build src/Api -c Release && ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:5080 \
    dotnet src/Api/bin/Release/net10.0/Diecast.Api.dll
(Production does not migrate: run `database migrate` first, or start it once in Development.)"""
import json, sys, time, urllib.error, urllib.request

URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:5080/graphql"
REPEATS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
TARGET_BYTES = 200 * 1024


def post(query):
    data = json.dumps({"query": query}).encode()
    request = urllib.request.Request(URL, data=data, headers={"content-type": "application/json", "accept": "application/graphql-response+json"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=90) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    except TimeoutError:
        status, body = "timeout", b""
    return (time.perf_counter() - started) * 1000, status, body, len(data)


def fill(make):
    """The largest n whose document stays under TARGET_BYTES."""
    n = 1
    while len(make(n * 2)) < TARGET_BYTES:
        n *= 2
    low, high = n, n * 2
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if len(make(middle)) < TARGET_BYTES else (low, middle)
    return make(low)


def fan_out(levels, width):
    spreads = lambda i: " ".join([f"...f{i + 1}"] * width)
    return "query { ...f0 }\n" + "\n".join(f"fragment f{i} on Query {{ {spreads(i)} }}" for i in range(levels)) + f"\nfragment f{levels} on Query {{ __typename }}"


def nested_same_names(a, b, c):
    leaf = " ".join(f"f: fields{'(includeDeprecated: true)' if i % 2 else ''} {{ name }}" for i in range(c))
    middle = " ".join(f"t: types {{ {leaf} }}" for _ in range(b))
    return "{" + " ".join(f"s: __schema {{ {middle} }}" for _ in range(a)) + "}"


DOCUMENTS = {
    "aliases of __typename": fill(lambda n: "{" + " ".join(f"a{i}: __typename" for i in range(n)) + "}"),
    "__typename repeated": fill(lambda n: "{" + " __typename" * n + "}"),
    "a product field repeated": fill(lambda n: '{ productBySlug(slug: "x") {' + " name" * n + "} }"),
    "aliases of productBySlug": fill(lambda n: "{" + " ".join(f'a{i}: productBySlug(slug: "x") {{ id }}' for i in range(n)) + "}"),
    "one alias, different arguments": fill(lambda n: "{" + " ".join(f'a: productBySlug(slug: "x{i}") {{ id }}' for i in range(n)) + "}"),
    "many operations": fill(lambda n: " ".join(f"query q{i} {{ __typename }}" for i in range(n))),
    "many unused fragments": fill(lambda n: "{ __typename } " + " ".join(f"fragment f{i} on Query {{ __typename }}" for i in range(n))),
    "fragment fan-out 2^30": fan_out(30, 2),
    "fragment fan-out 10^9": fan_out(9, 10),
    "fragment cycle": fill(lambda n: "query { ...f0 }\n" + "\n".join(f"fragment f{i} on Query {{ ...f{(i + 1) % n} }}" for i in range(n))),
    "directive repeated": fill(lambda n: "{ __typename" + " @include(if: true)" * n + " }"),
    "one fragment spread many times": fill(lambda n: "{" + " ...f" * n + " } fragment f on Query { __typename }"),
    "nested inline fragments": fill(lambda n: "{" + "... on Query {" * n + " __typename " + "}" * n + "}"),
    "10x10x4 same-named nested fields, conflicting": nested_same_names(10, 10, 4),
}

for name, query in DOCUMENTS.items():
    runs = [post(query) for _ in range(REPEATS)]
    best = min(run[0] for run in runs)
    _, status, body, size = runs[-1]
    try:
        error = json.loads(body).get("errors", [{}])[0]
        code = error.get("extensions", {}).get("code") or "executed"
    except ValueError:
        code = "-"
    print(f"{name:48} {size / 1024:6.1f} KiB  best of {REPEATS}: {best:9.1f} ms  {status} {code}")
