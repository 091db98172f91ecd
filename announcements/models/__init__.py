from .announcements import Announcement, Category
from .attachments import Attachment
from .factchecks import FactCheck, Verdict
from .publishing import Status

__all__ = ["Announcement", "Attachment", "Category", "FactCheck", "Status", "Verdict"]
