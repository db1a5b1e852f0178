import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()\-]{6,22}[0-9]$")
HONG_KONG_COUNTRY_CODE = "852"


def validate_phone_number(value):
    """A phone number as people write it: digits, spaces, hyphens, brackets, optional +."""
    digits = re.sub(r"\D", "", value)
    if not PHONE_PATTERN.match(value.strip()) or not 8 <= len(digits) <= 15:
        raise ValidationError(
            _("Enter a phone number such as 3400 2862 or +852 3400 2862."), code="invalid_phone"
        )


def tel_uri(number):
    """`tel:` address for a number; 8-digit local numbers are Hong Kong's (+852)."""
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+"):
        return f"tel:+{digits}"
    if len(digits) == 8:
        return f"tel:+{HONG_KONG_COUNTRY_CODE}{digits}"
    return f"tel:{digits}"


# PolyU dates from the Government Trade School, opened in 1937: no partnership
# or project of the university's can be older.
UNIVERSITY_FOUNDED = 1937


def next_year():
    """The latest year worth accepting: an agreement signed now may start next year."""
    return timezone.localdate().year + 1


def year_validators(too_early, too_late):
    """Bounds for a year in the university's history, with messages that say why.

    `too_early` and `too_late` may use %(limit_value)s: 1937, or next year.
    """
    return [
        MinValueValidator(UNIVERSITY_FOUNDED, message=too_early),
        MaxValueValidator(next_year, message=too_late),
    ]
