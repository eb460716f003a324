from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = _("Written statements")

    def ready(self):
        from events import files, navigation, pagecache, permissions

        from . import resolvers, selectors
        from .models import LanguageVersion, Statement, StatementFile

        files.register("statement-file", resolvers.statement_file)
        pagecache.watch(Statement, lambda statement: statement.event)
        pagecache.watch(LanguageVersion, lambda version: version.statement.event)
        pagecache.watch(StatementFile, lambda file: file.language_version.statement.event)
        pagecache.register_next_change(selectors.next_publication)
        navigation.register(
            navigation.EventSection(
                key="statements",
                label=_("Statements"),
                url_name="statements:list",
                order=30,
                is_available=selectors.has_published_statements,
            )
        )
        permissions.grant(
            "statements",
            # Review: staff change a statement's status through the services only.
            "view_statement",
            "change_statement",
            "view_languageversion",
            "view_statementfile",
            "view_statementlogentry",
            # Delegate onboarding: decide requests, invite.
            "view_delegaterequest",
            "change_delegaterequest",
        )
