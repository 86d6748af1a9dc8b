"""What an uploaded site plan may be.

Why: the plan is served to browsers, the kiosk's without login; only images are served, and
by their real content (magic bytes), never by the name or type the uploader claimed, so that
an HTML or script file uploaded as a "plan" is never delivered as one.
"""
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def plan_mimetype(data):
    """The image type of `data` (bytes), or None when it is not a PNG, JPEG, GIF, WebP or
    SVG image."""
    if not data:
        return None
    for magic, mimetype in MAGIC:
        if data.startswith(magic):
            return mimetype
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:512].lstrip().lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--")) and b"<svg" in data[:4096].lower():
        return "image/svg+xml"
    return None
