/**
 * The official service models of the three Personalize APIs (models/botocore, vendored with their
 * version), typed as the fuzzer reads them: it builds its requests from what AWS publishes, not
 * from Tailor's own shapes.
 */
import { loadModel, SERVICES, type Service } from '../botocore-models';

export type ServiceId = Service;

export interface MemberRef {
  shape: string;
  /** A string that carries a JSON document (the events API's `properties`). */
  jsonvalue?: boolean;
}

interface Bounds {
  min?: number;
  max?: number;
}

export type Shape =
  | ({ type: 'structure'; members: Record<string, MemberRef>; required?: string[] } & {
      exception?: boolean;
    })
  | ({ type: 'list'; member: MemberRef } & Bounds)
  | ({ type: 'map'; key: MemberRef; value: MemberRef } & Bounds)
  | ({ type: 'string'; enum?: string[]; pattern?: string } & Bounds)
  | ({ type: 'integer' | 'long' | 'float' | 'double' } & Bounds)
  | { type: 'boolean' | 'timestamp' | 'blob' };

export interface OperationModel {
  name: string;
  http: { method: string; requestUri: string };
  input?: { shape: string };
}

export interface ServiceModel {
  id: ServiceId;
  /** `json` (AWS JSON 1.1, addressed by X-Amz-Target) or `rest-json` (addressed by path). */
  protocol: 'json' | 'rest-json';
  targetPrefix?: string;
  operations: Record<string, OperationModel>;
  shapes: Record<string, Shape>;
}

/** The three models, as the model-conformance test reads them. */
export function loadServiceModels(): ServiceModel[] {
  return SERVICES.map((id) => {
    const model = loadModel(id) as unknown as {
      metadata: { protocol: ServiceModel['protocol']; targetPrefix?: string };
      operations: ServiceModel['operations'];
      shapes: ServiceModel['shapes'];
    };
    return {
      id,
      protocol: model.metadata.protocol,
      targetPrefix: model.metadata.targetPrefix,
      operations: model.operations,
      shapes: model.shapes,
    };
  });
}

/** Every exception a model declares, by wire name. */
export const declaredErrors = (model: ServiceModel): string[] =>
  Object.entries(model.shapes).flatMap(([name, shape]) =>
    shape.type === 'structure' && shape.exception ? [name] : [],
  );
