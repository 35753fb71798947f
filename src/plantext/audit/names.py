"""Severity order and the names the reports print (shared by the report and its renderers)."""

from ..labels.names import ROLE_ZH  # noqa: F401  (the roles' Chinese names live with the labels)

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
