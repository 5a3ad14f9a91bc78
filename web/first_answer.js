// The first page's requests, sent while the other scripts load (issue 13:
// the unfiltered first page drawn in ≤ 500 ms). Loaded first, blocking (it
// is tiny), so that app.js finds what it started: app.js's getJson takes a
// started answer for the same URL (takeEarly), once; any other URL, or a
// page opened with a query or filters, is fetched as before. The search's
// URL is the one app.js's render() builds for an empty state: a change
// there without this file only loses the head start
// (tests/browser/page_test.mjs checks the first page asks /api/search once).
'use strict';

const EARLY = {};
function takeEarly(url) {
  const started = EARLY[url];
  delete EARLY[url];
  return started;
}

(() => {
  const early = (url) => { EARLY[url] = fetch(url, { headers: { Accept: 'application/json' } }); };
  if (location.pathname === '/' && !location.search) {
    early('/api/search?limit=10&offset=0&facet_limit=40&place_type=country&place_type=region&place_type=area&group=1');
  }
  early('/mali_regions.json');
})();
