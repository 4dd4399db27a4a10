"""Post the fault suite's charge run: `run(env, [run id])`; its batches
become queue jobs, committed when the script ends."""


def run(env, args):
    charge_run = env["msom.charge.run"].browse(int(args[0]))
    charge_run.action_post()
    jobs = env["queue.job"].search_count([("model_name", "=", "msom.charge.run")])
    print(f"{charge_run.name}: {charge_run.line_count} documents in {jobs} jobs")
