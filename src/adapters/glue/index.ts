// The Glue adapter of the catalog port: import it from here.

export { catalogTableOf } from './catalog-table-of-glue.js';
export { GlueCatalog, type GlueCatalogOptions } from './glue-catalog.js';
export { partitionInputsOf, tableInputOf } from './glue-table-input.js';
export { engineTypeOfHive, hiveTypeOf } from './hive-type.js';
