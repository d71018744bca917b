import * as pulumi from '@pulumi/pulumi';

/** One registration as the (mock) engine saw it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly custom: boolean;
  readonly parent: string;
  /** URNs of the resources this one was registered to depend on (`dependsOn` and input dependencies). */
  readonly dependencies: readonly string[];
  readonly inputs: Record<string, any>;
}

/**
 * Install Pulumi mocks and record every registration. `MockResourceArgs` carries no parent and no
 * dependencies, so the monitor's `registerResource` is wrapped to read them from the request itself:
 * the same RegisterResourceRequest the Pulumi engine receives during `pulumi preview`.
 */
export function installMocks(): Registration[] {
  const registrations: Registration[] = [];
  const inputsByName = new Map<string, Record<string, any>>();
  void pulumi.runtime.setMocks(
    {
      newResource: (args: pulumi.runtime.MockResourceArgs) => {
        inputsByName.set(`${args.type}::${args.name}`, args.inputs);
        return { id: args.custom ? `${args.name}-id` : undefined, state: args.inputs };
      },
      call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
    },
    'k8s-dualstack-test',
    'test',
    true,
  );
  const monitor = pulumi.runtime.getMonitor() as any;
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: (err: any, resp: any) => void) =>
    original(req, (err: any, resp: any) => {
      if (!err) {
        registrations.push({
          type: req.getType(),
          name: req.getName(),
          urn: resp.getUrn(),
          custom: req.getCustom(),
          parent: req.getParent(),
          dependencies: req.getDependenciesList(),
          inputs: inputsByName.get(`${req.getType()}::${req.getName()}`) ?? {},
        });
      }
      callback(err, resp);
    });
  return registrations;
}

/** The value of an output (mocks resolve every output). */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => { resolve(v); return v; }));
}

/** Wait until the resources are registered. */
export async function registered(resources: Iterable<pulumi.Resource>): Promise<void> {
  await Promise.all([...resources].map((r) => valueOf(r.urn)));
}
