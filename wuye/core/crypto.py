"""Encryption and keyed hashing of personal data (PIPL): one key from settings.PII_KEY, two derived keys.

A keyed hash (HMAC-SHA256) lets us find a person by ID number without decrypting every row, and
without a plain hash that anyone could reverse by enumerating the ~10^9 valid ID numbers.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet
from django.conf import settings


@lru_cache(maxsize=4)
def _keys(secret: str) -> tuple[Fernet, bytes]:
    fernet_key = hmac.new(secret.encode(), b"wuye-pii-encrypt-v1", hashlib.sha256).digest()
    lookup_key = hmac.new(secret.encode(), b"wuye-pii-lookup-v1", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(fernet_key)), lookup_key


def encrypt(plain: str) -> str:
    return _keys(settings.PII_KEY)[0].encrypt(plain.encode()).decode()


def decrypt(token: str) -> str:
    return _keys(settings.PII_KEY)[0].decrypt(token.encode()).decode()


def lookup_hash(plain: str) -> str:
    return hmac.new(_keys(settings.PII_KEY)[1], plain.encode(), hashlib.sha256).hexdigest()
