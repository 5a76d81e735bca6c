"""cdm_newsletter: the Cités des métiers InfoLettre as typed data, published in every form.

Load issues from their sources, gather them in an :class:`Archive`, and
:func:`build` a site of feeds, calendars, an XML archive and HTML from it::

    import cdm_newsletter as cdm

    issue = cdm.load("infolettre-2018-12.yaml")
    report = cdm.build(cdm.Archive([issue]), "site", formats=["json"])
"""

from ._version import __version__
from .announcements import AgendaEntry, DeadlineEntry
from .archive import Archive
from .convert import issue_from_data, issue_to_data
from .diagnostics import NOT_UNDERSTOOD, Diagnostic, Severity
from .errors import (
    CdmNewsletterError,
    ExportError,
    InvalidData,
    InvalidSyntax,
    InvalidValue,
    PluginError,
    PluginWarning,
    Problem,
    SiteError,
    UnknownFormat,
    UnreadableSource,
)
from .exporters.base import (
    DEFAULT_BASE_URL,
    Artifact,
    Exporter,
    ExportOptions,
    Part,
    PartitionedExporter,
)
from .exporters.infolettre import TextLayout, write_infolettre
from .exporters.rss import guid_of as feed_guid
from .fragments import article_html, article_summary
from .importers.base import Importer, ImportOptions, ImportResult
from .importers.blocks import Block, BlockKind
from .importers.infolettre import FrontMatter, read_blocks
from .io import (
    dump,
    dumps,
    example_issues,
    load,
    load_with_diagnostics,
    loads,
    loads_with_diagnostics,
)
from .lint import lint
from .model import (
    Article,
    BulletList,
    Contact,
    Editorial,
    Emphasis,
    Event,
    EventCategory,
    EventStatus,
    FundingCall,
    Issue,
    Link,
    Paragraph,
    PartOfDay,
    Person,
    Place,
    Provenance,
    Publisher,
    RichText,
    Section,
    SectionKind,
    StaffChange,
    StaffChangeKind,
    Superscript,
    Text,
    When,
)
from .model.privacy import without_private_people
from .plugins import (
    FormatInfo,
    exporter_names,
    exporters,
    format_infos,
    get_exporter,
    get_importer,
    importer_names,
    importers,
    register_exporter,
    register_importer,
)
from .preview import make_server, serve
from .site import BuildReport, build

__all__ = [
    "DEFAULT_BASE_URL",
    "NOT_UNDERSTOOD",
    "AgendaEntry",
    "Archive",
    "Article",
    "Artifact",
    "Block",
    "BlockKind",
    "BuildReport",
    "BulletList",
    "CdmNewsletterError",
    "Contact",
    "DeadlineEntry",
    "Diagnostic",
    "Editorial",
    "Emphasis",
    "Event",
    "EventCategory",
    "EventStatus",
    "ExportError",
    "ExportOptions",
    "Exporter",
    "FormatInfo",
    "FrontMatter",
    "FundingCall",
    "ImportOptions",
    "ImportResult",
    "Importer",
    "InvalidData",
    "InvalidSyntax",
    "InvalidValue",
    "Issue",
    "Link",
    "Paragraph",
    "Part",
    "PartOfDay",
    "PartitionedExporter",
    "Person",
    "Place",
    "PluginError",
    "PluginWarning",
    "Problem",
    "Provenance",
    "Publisher",
    "RichText",
    "Section",
    "SectionKind",
    "Severity",
    "SiteError",
    "StaffChange",
    "StaffChangeKind",
    "Superscript",
    "Text",
    "TextLayout",
    "UnknownFormat",
    "UnreadableSource",
    "When",
    "__version__",
    "article_html",
    "article_summary",
    "build",
    "dump",
    "dumps",
    "example_issues",
    "exporter_names",
    "exporters",
    "feed_guid",
    "format_infos",
    "get_exporter",
    "get_importer",
    "importer_names",
    "importers",
    "issue_from_data",
    "issue_to_data",
    "lint",
    "load",
    "load_with_diagnostics",
    "loads",
    "loads_with_diagnostics",
    "make_server",
    "read_blocks",
    "register_exporter",
    "register_importer",
    "serve",
    "without_private_people",
    "write_infolettre",
]
