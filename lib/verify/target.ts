import { SMOKE_TEST_IMAGES } from './images';

/** Options of the smoke test's own workload (`SmokeTestTarget.testWorkload`). */
export interface TestWorkloadOptions {
  /**
   * The web server image; it must listen on 8080 as a non-root user with a read-only root
   * filesystem and read /etc/nginx/nginx.conf (the smoke test mounts its own).
   * @default SMOKE_TEST_IMAGES.WEB
   */
  readonly image?: string;
  /**
   * Pods of the test Deployment.
   * @default 1 (SmokeTestTarget.DEFAULT_REPLICAS)
   */
  readonly replicas?: number;
  /**
   * The Service port the checks connect to.
   * @default 80 (SmokeTestTarget.DEFAULT_PORT)
   */
  readonly port?: number;
  /**
   * A fixed nodePort for the NodePort check (only used with `checkNodePort`).
   * @default - the API server allocates one; the check reads it from the Service
   */
  readonly nodePort?: number;
}

/** An existing Service to probe instead of the smoke test's own workload. */
export interface ExistingServiceOptions {
  /** Namespace of the Service. */
  readonly namespace: string;
  /** Name of the Service (it should have ipFamilyPolicy PreferDualStack or RequireDualStack). */
  readonly name: string;
  /** The Service port to connect to over HTTP (a 2xx or 3xx answer passes). */
  readonly port: number;
}

/** What the smoke test probes: its own small web workload, or a Service that already exists. */
export class SmokeTestTarget {
  public static readonly DEFAULT_PORT = 80;
  public static readonly DEFAULT_REPLICAS = 1;

  /** Deploy a small unprivileged web server and a dual-stack Service, and probe them (the default). */
  public static testWorkload(options: TestWorkloadOptions = {}): SmokeTestTarget {
    return new SmokeTestTarget(
      true,
      undefined,
      undefined,
      options.port ?? SmokeTestTarget.DEFAULT_PORT,
      options.image ?? SMOKE_TEST_IMAGES.WEB,
      options.replicas ?? SmokeTestTarget.DEFAULT_REPLICAS,
      options.nodePort,
    );
  }

  /** Probe an existing Service (e.g. the application the cluster runs); nothing else is deployed. */
  public static service(options: ExistingServiceOptions): SmokeTestTarget {
    return new SmokeTestTarget(false, options.namespace, options.name, options.port, undefined, undefined, undefined);
  }

  /** True when the smoke test deploys its own workload. */
  public readonly deploysWorkload: boolean;
  /** For `service(...)`: the Service's namespace. */
  public readonly namespace: string | undefined;
  /** For `service(...)`: the Service's name. */
  public readonly name: string | undefined;
  public readonly port: number;
  /** For `testWorkload(...)`: the web image. */
  public readonly image: string | undefined;
  /** For `testWorkload(...)`: the replica count. */
  public readonly replicas: number | undefined;
  /** For `testWorkload(...)`: the fixed nodePort, if any. */
  public readonly nodePort: number | undefined;

  private constructor(
    deploysWorkload: boolean,
    namespace: string | undefined,
    name: string | undefined,
    port: number,
    image: string | undefined,
    replicas: number | undefined,
    nodePort: number | undefined,
  ) {
    this.deploysWorkload = deploysWorkload;
    this.namespace = namespace;
    this.name = name;
    this.port = port;
    this.image = image;
    this.replicas = replicas;
    this.nodePort = nodePort;
  }
}
