from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

# The admin signs in through allauth, so it shares allauth's rate limits.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Special Meeting – CTED administration")
admin.site.site_title = _("Special Meeting administration")
admin.site.index_title = _("Events, agenda and statements")

# A request that finds the database away gets a 503 with Retry-After, not a 500.
handler500 = "specialmeeting.middleware.server_error"

urlpatterns = [
    path("files/", include("events.file_urls")),
]

# The language is in the URL so that a shared link opens in the same language;
# English, the default, has no prefix, so "/" is the English home page.
urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("account/", include("accounts.urls")),
    path("", include("agenda.urls")),
    path("", include("statements.urls")),
    path("", include("events.urls")),
    prefix_default_language=False,
)
