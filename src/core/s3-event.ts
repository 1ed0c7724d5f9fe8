// Builds and reads S3 event notifications (the exact JSON S3 sends to Lambda), so local
// handlers receive what they will receive in AWS.

import type { S3Event, S3EventRecord } from 'aws-lambda';
import { decodeEventKey, encodeEventKey } from './object-key.js';

export interface CreatedObject {
  readonly bucketName: string;
  readonly key: string;
  readonly size: number;
  readonly etag: string;
  readonly eventTime: Date;
  readonly sequencer: string;
}

export function objectCreatedRecord(object: CreatedObject, region = 'local'): S3EventRecord {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime: object.eventTime.toISOString(),
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'shoplake' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': object.sequencer, 'x-amz-id-2': object.etag },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'shoplake-local',
      bucket: {
        name: object.bucketName,
        ownerIdentity: { principalId: 'shoplake' },
        arn: `arn:aws:s3:::${object.bucketName}`,
      },
      object: {
        key: encodeEventKey(object.key),
        size: object.size,
        eTag: object.etag,
        sequencer: object.sequencer,
      },
    },
  };
}

/** The event for an object as a store describes it (after a write, in a listing, from head). */
export function objectCreatedRecordOf(
  bucketName: string,
  object: { readonly key: string; readonly size: number; readonly etag: string; readonly lastModified: Date },
  sequencer: string,
): S3EventRecord {
  return objectCreatedRecord({
    bucketName,
    key: object.key,
    size: object.size,
    etag: object.etag,
    eventTime: object.lastModified,
    sequencer,
  });
}

export function s3Event(records: S3EventRecord[]): S3Event {
  return { Records: records };
}

export interface EventObjectRef {
  readonly bucketName: string;
  readonly key: string;
  readonly eventTime: Date;
  readonly etag: string;
}

export function objectRefOf(record: S3EventRecord): EventObjectRef {
  return {
    bucketName: record.s3.bucket.name,
    key: decodeEventKey(record.s3.object.key),
    eventTime: new Date(record.eventTime),
    etag: record.s3.object.eTag ?? '',
  };
}
