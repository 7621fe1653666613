/** The HTTP front: one REST API, signed with IAM, serving the Personalize wire protocol. */
import {
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface ApiProps {
  /** The REST API's name. */
  readonly name: string;
  /** Serves the control plane (AmazonPersonalize.*) and, for now, every other path. */
  readonly control: IFunction;
  /** Requests per second, steady, for the whole stage. */
  readonly rateLimit: number;
  /** Requests allowed at once above the steady rate. */
  readonly burstLimit: number;
}

export class Api extends Construct {
  readonly restApi: RestApi;

  constructor(scope: Construct, id: string, props: ApiProps) {
    super(scope, id);
    this.restApi = new RestApi(this, 'RestApi', {
      restApiName: props.name,
      description: 'Tailor: the Amazon Personalize APIs',
      // Callers are SDKs, not browsers: an edge distribution would add a hop and nothing else.
      endpointTypes: [EndpointType.REGIONAL],
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
      deployOptions: {
        throttlingRateLimit: props.rateLimit,
        throttlingBurstLimit: props.burstLimit,
      },
    });
    // Test invocations from the console would bypass IAM: no permission for them.
    const control = new LambdaIntegration(props.control, { allowTestInvoke: false });
    // The control plane's AWS JSON 1.1 protocol posts every operation to `/`.
    this.restApi.root.addMethod('POST', control);
    // Other paths reach the function too, which answers as Personalize's front door does. A plain
    // resource, not addProxy, which would also add ANY on `/`.
    this.restApi.root.addResource('{proxy+}').addMethod('ANY', control);
  }
}
