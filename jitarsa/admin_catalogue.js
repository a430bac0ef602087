// Strings of Django's admin JavaScript (the djangojs catalogue: actions.js' "0 of 4 selected",
// the calendar, the selector boxes) that Django's Thai catalogue lacks or leaves in English,
// marked here only so `make messages` keeps them in locale/th/LC_MESSAGES/djangojs.po, which
// the admin's JavaScriptCatalog merges over Django's own. No page loads this file.
/* global gettext_noop, ngettext, pgettext */

gettext_noop("Choose %s by selecting them and then select the \"Choose\" arrow button.");
gettext_noop("Choose all %s");
gettext_noop("Choose selected %s");
gettext_noop("Remove selected %s");
gettext_noop("Remove %s by selecting them and then select the \"Remove\" arrow button.");
gettext_noop("Type into this box to filter down the list of selected %s.");
gettext_noop("(click to clear)");
gettext_noop("Remove all %s");
ngettext("%s selected option not visible", "%s selected options not visible", 0);
ngettext("%(sel)s of %(cnt)s selected", "%(sel)s of %(cnt)s selected", 0);
gettext_noop("You have selected an action, but you haven’t saved your changes to individual fields yet. Please click OK to save. You’ll need to re-run the action.");
gettext_noop("You have selected an action, and you haven’t made any changes on individual fields. You’re probably looking for the Go button rather than the Save button.");
pgettext("abbrev. month January", "Jan");
pgettext("abbrev. month February", "Feb");
pgettext("abbrev. month March", "Mar");
pgettext("abbrev. month April", "Apr");
pgettext("abbrev. month May", "May");
pgettext("abbrev. month June", "Jun");
pgettext("abbrev. month July", "Jul");
pgettext("abbrev. month August", "Aug");
pgettext("abbrev. month September", "Sep");
pgettext("abbrev. month October", "Oct");
pgettext("abbrev. month November", "Nov");
pgettext("abbrev. month December", "Dec");
gettext_noop("Sunday");
gettext_noop("Monday");
gettext_noop("Tuesday");
gettext_noop("Wednesday");
gettext_noop("Thursday");
gettext_noop("Friday");
gettext_noop("Saturday");
pgettext("abbrev. day Sunday", "Sun");
pgettext("abbrev. day Monday", "Mon");
pgettext("abbrev. day Tuesday", "Tue");
pgettext("abbrev. day Wednesday", "Wed");
pgettext("abbrev. day Thursday", "Thur");
pgettext("abbrev. day Friday", "Fri");
pgettext("abbrev. day Saturday", "Sat");
