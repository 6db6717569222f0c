"""Password hashing and policy: ASVS 4.0.3 rows 2.1.1-2.1.4, 2.1.7, 2.1.9, 2.4."""

from __future__ import annotations

import gzip
import unicodedata
from importlib import resources

import pytest
from argon2 import PasswordHasher, Type

from core.identity.passwords import (
    MAX_PASSWORD_BYTES,
    MIN_PASSWORD_CHARS,
    check_password_policy,
    hash_password,
    needs_rehash,
    verify_password,
)

TOO_COMMON = "This password is too common. Choose another one."
TOO_SHORT = "Use at least 12 characters."
TOO_LONG = "This password is too long."
HAS_PSEUDONYM = "Your password must not contain your pseudonym."
HAS_EMAIL = "Your password must not contain your e-mail address."


def test_hash_uses_argon2id_owasp_parameters_and_a_16_byte_salt() -> None:
    hashed = hash_password("correct horse battery staple")
    assert hashed.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    salt_b64 = hashed.split("$")[4]
    assert len(salt_b64) == 22  # 16 bytes in unpadded base64
    assert hash_password("correct horse battery staple") != hashed  # fresh salt


def test_long_password_with_inner_spaces_round_trips_and_last_char_matters() -> None:
    password = ("many words  with inner spaces " * 4)[:99] + "Z"
    assert len(password) == 100 and password.count(" ") > 10
    hashed = hash_password(password)
    assert verify_password(hashed, password)
    assert not verify_password(hashed, password[:-1] + "Y")
    assert not verify_password(hashed, password[:-1])  # no truncation
    assert not verify_password(hashed, password.lower())  # no case change
    assert not verify_password(hashed, password.replace("  ", " "))


def test_nfkc_equivalent_spellings_verify_the_same() -> None:
    composed = "Café au lait, s'il vous plaît"
    decomposed = unicodedata.normalize("NFD", composed)
    fullwidth_digits = "ｐａｓｓ１２３４５６７８９"
    assert composed != decomposed
    assert verify_password(hash_password(composed), decomposed)
    assert verify_password(hash_password(fullwidth_digits), "pass123456789")


def test_verify_never_raises_on_garbage_hashes() -> None:
    assert verify_password("", "whatever password") is False
    assert verify_password("not-a-hash", "whatever password") is False
    assert verify_password("$argon2id$v=19$m=19456,t=2,p=1$AAAA$BBBB", "x") is False


def test_needs_rehash_flags_other_parameters_and_garbage() -> None:
    assert needs_rehash(hash_password("some long enough password")) is False
    weaker = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID).hash("pw")
    assert needs_rehash(weaker) is True
    assert needs_rehash("$2b$12$notargon") is True


def test_policy_accepts_a_plain_long_passphrase_without_composition_rules() -> None:
    assert check_password_policy("all lowercase words here") == []
    assert check_password_policy("aaaaaaaaaaab") == []  # no complexity classes demanded


def test_policy_length_counts_code_points_after_nfkc() -> None:
    assert check_password_policy("a" * (MIN_PASSWORD_CHARS - 1)) == [TOO_SHORT]
    assert check_password_policy("😀" * 12) == []  # 12 emoji = 12 characters (48 bytes)
    assert check_password_policy("😀" * 11) == [TOO_SHORT]
    assert check_password_policy("長い合言葉を使いましょう") == []  # 12 CJK characters
    assert check_password_policy("\u2168" * 6) == []  # "Ⅸ" expands to "IX": 12 after NFKC


def test_policy_byte_cap_bounds_cpu_but_allows_128_characters() -> None:
    assert check_password_policy("x1y2" * 32) == []  # 128 characters
    assert check_password_policy("x" * MAX_PASSWORD_BYTES) == []
    assert check_password_policy("x" * (MAX_PASSWORD_BYTES + 1)) == [TOO_LONG]
    assert check_password_policy("é" * 513) == [TOO_LONG]  # 513 chars, 1026 bytes


@pytest.mark.parametrize("common", ["password1234", "123456123456", "111111111111", "qwertyuiop123"])
def test_policy_refuses_listed_common_passwords_case_insensitively(common: str) -> None:
    assert check_password_policy(common) == [TOO_COMMON]
    assert check_password_policy(common.upper()) == [TOO_COMMON]
    assert check_password_policy(f" {common} ") == [TOO_COMMON]


def test_bundled_list_is_the_django_list() -> None:
    path = resources.files("core.identity").joinpath("data/common-passwords.txt.gz")
    lines = gzip.decompress(path.read_bytes()).decode().splitlines()
    assert len(lines) == 19_640
    assert {"password", "password1234", "123456123456"} <= set(lines)
    assert resources.files("core.identity").joinpath("data/NOTICE").read_text().count("BSD") >= 1


def test_policy_refuses_own_pseudonym_and_email_local_part() -> None:
    assert check_password_policy("MarieClaire75", pseudonym="marieclaire75") == [HAS_PSEUDONYM]
    assert check_password_policy("my name is MarieClaire!", pseudonym="MarieClaire") == [HAS_PSEUDONYM]
    assert check_password_policy("jean.dupont-secret", email="Jean.Dupont@example.org") == [HAS_EMAIL]
    assert check_password_policy("unrelated passphrase", pseudonym="Marie", email="jd@example.org") == []


def test_policy_short_identifiers_only_block_equality() -> None:
    # An e-mail local part "a" must not refuse every password containing "a".
    assert check_password_policy("a long passphrase", email="a@example.org") == []
    assert check_password_policy("abcdefghijkl", email="abcdefghijkl@example.org") == [HAS_EMAIL]


def test_policy_reports_every_problem() -> None:
    assert check_password_policy("password", pseudonym="password") == [TOO_SHORT, TOO_COMMON, HAS_PSEUDONYM]
