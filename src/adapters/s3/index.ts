// The S3 adapter of the object-store port: import it from here.

export { mapS3Error, type S3Operation } from './map-s3-error.js';
export { createS3Client, type S3ClientSettings } from './s3-client-config.js';
export { S3ObjectStore, type S3ObjectStoreOptions, type S3PutOptions } from './s3-object-store.js';
