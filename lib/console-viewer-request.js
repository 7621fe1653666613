// The console site's viewer-request function (lib/console.ts), for CloudFront's cloudfront-js-2.0
// runtime: plain JavaScript, no modules, `handler` found by name. test/cdk/console.test.ts runs it.

// The console's router owns every path under /console/ that names no file: a deep link or a
// reload gets the app, which shows the page. A file (a dot in its last segment) is served as is.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  // Without the slash, the app's relative paths would resolve above /console/.
  if (uri === '/' || uri === '/console') return redirect('/console/');
  if (uri.indexOf('/console/') === 0 && !/\.[^/]*$/.test(uri)) {
    request.uri = '/console/index.html';
  }
  return request;
}

// Found, not moved for good: browsers would keep a permanent redirect after the site changed.
function redirect(location) {
  return {
    statusCode: 302,
    statusDescription: 'Found',
    headers: { location: { value: location } },
  };
}
