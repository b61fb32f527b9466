"""JSON for backups, keeping times to the microsecond.

Django's JSON serializer writes times to the millisecond (as JavaScript reads
them), so a restored site showed "17:28:15.733000" where the original showed
"17:28:15.733031" (in the article's ``<time datetime>``, its JSON-LD and the
feed). This one writes each time with ``isoformat()``; Django's own JSON
deserializer reads it back exactly, so ``restore_site`` needs nothing else.
"""

import datetime

from django.core.serializers.json import Deserializer  # noqa: F401 (the format's)
from django.core.serializers.json import Serializer as JSONSerializer


class Serializer(JSONSerializer):
    def _value_from_field(self, obj, field):
        value = super()._value_from_field(obj, field)
        if isinstance(value, datetime.datetime | datetime.time):
            return value.isoformat()
        return value
