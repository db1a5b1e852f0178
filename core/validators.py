import re

from django.core.exceptions import ValidationError
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
