"""No request carries more photos than a post may hold.

`PhotoCountLimit` (first in settings.FILE_UPLOAD_HANDLERS) lets the first
Photo.MAX_PER_ACTIVITY files of a request through and skips the rest unread, remembering
their number for `refusals`. Django would refuse the whole request past
DATA_UPLOAD_MAX_NUMBER_FILES with a bare 400, losing everything typed into the form; here
101 photos chosen by mistake keep the text and the first 30, like 31 photos do.
"""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.translation import ngettext

from .models import Photo


class PhotoCountLimit(FileUploadHandler):
    def __init__(self, request=None):
        super().__init__(request)
        self.files = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.files += 1
        if self.files <= Photo.MAX_PER_ACTIVITY or self.request is None:
            return
        self.request.files_not_read = self.files - Photo.MAX_PER_ACTIVITY
        # On SkipFile Django's parser closes every handler's current `file` (its own FIXME
        # says it assumes too much): that is the previous photo, already received. Forget it.
        for handler in self.request.upload_handlers:
            handler.__dict__.pop("file", None)
        raise SkipFile

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


def refusals(request):
    """The message for the files a request carried beyond the limit, if any."""
    count = getattr(request, "files_not_read", 0)
    if not count:
        return []
    return [
        ngettext(
            "%(count)d more file was not added: a post can have at most %(limit)d photos.",
            "%(count)d more files were not added: a post can have at most %(limit)d photos.",
            count,
        )
        % {"count": count, "limit": Photo.MAX_PER_ACTIVITY}
    ]
