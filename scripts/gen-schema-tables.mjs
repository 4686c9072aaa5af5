export function generateSchemaTables() {}
