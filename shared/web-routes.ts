/**
 * Which request paths of the web app are files and which are the app's own routes, written once:
 * CloudFront's viewer-request function (infra/constructs/web-app.ts) embeds the rule's source and
 * the local static file server (local/gateway/static-files.ts) runs the very same source.
 *
 * A path is a FILE when it is under a folder of hashed files (`/chunks/`, `/assets/`, scripts/build.ts's
 * chunkNames and assetNames) or is one root segment with a file extension: what `buildWeb` writes
 * at the top of dist/web (`/app.js`, `/app.js.map`, `/app.css`, `/index.html`, web/public's files
 * such as `/favicon.ico`) and the stack's `/config.json`. Everything else is the app, answered
 * with index.html: `/cases/RET-…`, `/auth/callback`, and `/tasks/<task id>`, whose last segment
 * has dots (`RET-….country_approval.MX.1`, shared/tasks/task.ts taskIdFor) and must still be a
 * route. A missing file is a 404, never index.html: a missing script must not look like a page.
 */
import { IMMUTABLE_FOLDERS } from './web-security-headers';

/**
 * The rule as JavaScript source, one function `isWebFile(uri)`, in the plain ES5 that every
 * CloudFront Functions runtime (cloudfront-js-2.0 included) accepts: `var`, string methods and a
 * regular expression literal, nothing else. `uri` is the path as requested (no query string).
 */
export const IS_WEB_FILE_SOURCE = `function isWebFile(uri) {
  var folders = ${JSON.stringify(IMMUTABLE_FOLDERS.map((folder) => `/${folder}/`))};
  for (var i = 0; i < folders.length; i++) {
    if (uri.indexOf(folders[i]) === 0) return true;
  }
  return /^\\/[^\\/]+\\.[A-Za-z0-9]+$/.test(uri);
}`;

/** True when `path` (as requested, without the query) names a file of the web app, false for the app's routes. */
// Built from that same source (a constant, never input), so the server and CloudFront cannot differ.
export const isWebFile = new Function(`${IS_WEB_FILE_SOURCE}\nreturn isWebFile;`)() as (
  path: string,
) => boolean;
