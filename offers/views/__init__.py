"""Thin views of offers, split by audience: ``public`` (the search and detail pages everyone
may open, showing what ``portal.access`` allows), ``partner`` (exports, printable list,
statistics, saved searches), ``employer`` (the company's own profile and offers), ``service``
(the employer service acting for companies without an account) and ``takeover`` (the
invitation link)."""
