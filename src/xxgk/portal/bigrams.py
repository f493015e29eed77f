"""The bigram index of the catalogue search: a lookup that asks whether an entry's folded search text
holds every two-character piece of the searched words.

On PostgreSQL it is an array containment over ``string_to_array(search_grams, ' ')``, served by the
GIN index of migration 0005, so an all-agency search reads only the candidate rows instead of scanning
every row with ``LIKE`` (a trigram index cannot serve two-character Chinese words). Other databases get
the same answer from one ``LIKE`` per piece.
"""

from __future__ import annotations

from django.db.models import Lookup, TextField
from django.db.models.lookups import Contains

GIN_INDEX = "portal_entry_search_grams_gin"
ARRAY_SQL = "string_to_array({column}, ' ')"
"""The indexed expression; the lookup must repeat it exactly for PostgreSQL to use the index."""


class GramsField(TextField):
    """The stored pieces (:func:`xxgk.portal.catalogue.grams_text`) of an entry's search text."""


@GramsField.register_lookup
class HasAllGrams(Lookup):
    lookup_name = "has_all"
    prepare_rhs = False

    def get_prep_lookup(self):
        return list(self.rhs)

    def as_sql(self, compiler, connection):
        if not self.rhs:
            return "1 = 1", []
        parts, params = [], []
        for piece in self.rhs:
            sql, p = compiler.compile(Contains(self.lhs, f" {piece} "))
            parts.append(sql)
            params.extend(p)
        return "(" + " AND ".join(parts) + ")", params

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{ARRAY_SQL.format(column=lhs)} @> %s::text[]", [*lhs_params, self.rhs]
