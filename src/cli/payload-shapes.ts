import type { ClassifiableType } from "../listings/sources";

/**
 * What `import` and `classify` expect for each --type, said when a file holds no listing of it:
 * the payload as that source's API (or page, or feed) sends it. Any of them may also come as its
 * items saved one by one (README "Command line").
 */
export const EXPECTED_PAYLOADS: Readonly<Record<ClassifiableType, string>> = {
  greenhouse: 'Greenhouse job board JSON, {"jobs": [...]}',
  lever: 'Lever postings JSON, [{"id", "text", "hostedUrl", ...}]',
  ashby: 'Ashby job board JSON, {"jobs": [...]}',
  workable: 'Workable JSON, {"jobs": [...]} or {"results": [...]}',
  recruitee: 'Recruitee JSON, {"offers": [...]}',
  smartrecruiters: 'SmartRecruiters postings JSON, {"content": [...]}',
  remoteok: 'Remote OK JSON, [legal notice, {"id", "position", "url", ...}]',
  weworkremotely: "We Work Remotely RSS, <rss> with <item> elements",
  himalayas: 'Himalayas JSON, {"jobs": [...]}',
  jobicy: 'Jobicy JSON, {"jobs": [...]}',
  hackernews: 'a Hacker News "Who is hiring" thread, {"children": [comments]} or {"hits": [comments]}',
  jsonld: "an HTML page with schema.org JobPosting JSON-LD",
  manual: 'listing JSON, {"url", "title", "company", ...} or an array of them',
  remotive: 'Remotive JSON, {"jobs": [...]}',
  arbeitnow: 'Arbeitnow JSON, {"data": [...]}',
};
