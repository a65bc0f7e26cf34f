"""The data package's kind in the one PDF pipeline: a built zip instead of a rendered PDF."""

from __future__ import annotations

from django.utils.translation import gettext_noop

from reports.editions.services import WHEN_EDITIONS_READY
from reports.packages.models import DataPackage
from reports.packages.package import build_package, package_file_name
from reports.packages.services import request_data_package
from workstation.pdfs.kinds import PDFKind, register

register(
    PDFKind(
        model=DataPackage,
        build=build_package,
        file_name=package_file_name,
        content_type="application/zip",
        server_error=gettext_noop(
            "The data package could not be made because of an error on the server."
        ),
    )
)

# The package holds the final editions: it is asked for once they are all ready.
WHEN_EDITIONS_READY.append(request_data_package)
