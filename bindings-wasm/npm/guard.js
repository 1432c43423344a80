// Added to both builds of the package by build.sh (the web build as it is; the Node build
// with `export function` made `exports.f = function`). Declared in src/types.d.ts.
export function isRoadmapError(value) {
  const names = ['FormatError', 'ValidationError', 'DeadlineError', 'VocabularyError', 'MetricError', 'ArgumentError', 'IoError'];
  return value instanceof Error && names.includes(value.name) && typeof value.code === 'string'
    && typeof value.kind === 'string' && Array.isArray(value.problems);
}
