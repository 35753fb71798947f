"""Labels: the task taxonomy, section profiles and the heading → role matcher.

Everything here is light (json, re, dataclasses); data files are read on
first use, not on import.
"""

from .heading_roles import alias_table, match_heading_role, normalize_heading
from .profiles import (DOC_TYPES, SECTION_ROLES, Profile, check_doc_type, default_headings,
                       load_profile, parse_profile, profile_for)
from .taxonomy import (CAP_TOPICS, DEFAULT_TAXONOMY, CapTopic, Subcode, Taxonomy, Theme,
                       available_taxonomies, load_taxonomy, parse_taxonomy)

__all__ = [
    "CAP_TOPICS", "DEFAULT_TAXONOMY", "DOC_TYPES", "SECTION_ROLES",
    "CapTopic", "Profile", "Subcode", "Taxonomy", "Theme",
    "alias_table", "available_taxonomies", "check_doc_type", "default_headings",
    "load_profile", "load_taxonomy", "match_heading_role", "normalize_heading",
    "parse_profile", "parse_taxonomy", "profile_for",
]
