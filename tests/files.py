"""Real files for tests: PDFs made with ReportLab, pictures made with Pillow."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas


def pdf_bytes(pages: int = 2, text: str = "Test handout") -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter, invariant=1)
    for number in range(1, pages + 1):
        pdf.drawString(72, 720, f"{text}, page {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def picture_bytes(fmt: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(buffer, format=fmt)
    return buffer.getvalue()


def pdf_upload(name: str = "handout.pdf", pages: int = 2) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(pages), content_type="application/pdf")


def picture_upload(name: str = "point.png", fmt: str = "PNG") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, picture_bytes(fmt), content_type=f"image/{fmt}")
