/**
 * The official service models of the three Personalize APIs, read from python3's botocore at run
 * time: the fuzzer builds its requests from what AWS publishes, not from our own shapes, and
 * vendors nothing that would go stale.
 */
import { execFileSync } from 'node:child_process';

export const SERVICE_IDS = ['personalize', 'personalize-events', 'personalize-runtime'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

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

export type ModelsOrMissing = { models: ServiceModel[] } | { missing: string };

/** botocore's own loader finds the newest model of each service, compressed or not. */
const LOADER = `
import json, sys
try:
    import botocore.loaders
except ImportError as error:
    print(json.dumps({"missing": "botocore is not installed for python3 (%s)" % error}))
    sys.exit(0)

def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in value.items() if k != "documentation"}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value

loader = botocore.loaders.create_loader()
models = []
for service in sys.argv[1:]:
    model = loader.load_service_model(service, "service-2")
    models.append({
        "id": service,
        "protocol": model["metadata"]["protocol"],
        "targetPrefix": model["metadata"].get("targetPrefix"),
        "operations": strip(model["operations"]),
        "shapes": strip(model["shapes"]),
    })
print(json.dumps({"models": models}))
`;

/** The three models, or why they cannot be read (no python3, no botocore), for a clear skip. */
export function loadServiceModels(): ModelsOrMissing {
  try {
    const out = execFileSync('python3', ['-c', LOADER, ...SERVICE_IDS], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(out) as ModelsOrMissing;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no python3 on PATH' : '';
    return { missing: reason || `python3 could not read botocore's models: ${String(error)}` };
  }
}

/** Every exception a model declares, by wire name. */
export const declaredErrors = (model: ServiceModel): string[] =>
  Object.entries(model.shapes).flatMap(([name, shape]) =>
    shape.type === 'structure' && shape.exception ? [name] : [],
  );
