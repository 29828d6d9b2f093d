package jobs

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// Task is a periodic piece of housekeeping, such as expiring sign-in
// sessions. Tasks must be idempotent: River may run one again after a crash.
type Task struct {
	Name     string
	Interval time.Duration
	Run      func(ctx context.Context) error
}

type periodicArgs struct {
	Name string `json:"name"`
}

func (periodicArgs) Kind() string { return "periodic_task" }

type periodicWorker struct {
	river.WorkerDefaults[periodicArgs]
	tasks map[string]Task
}

func (w *periodicWorker) Work(ctx context.Context, job *river.Job[periodicArgs]) error {
	task, ok := w.tasks[job.Args.Name]
	if !ok {
		return fmt.Errorf("unknown periodic task %q", job.Args.Name)
	}
	return task.Run(ctx)
}

// AddTasks registers the worker for tasks and returns their schedules for
// Config.Periodic. Each runs once at start and then every Interval.
func AddTasks(workers *river.Workers, tasks ...Task) []*river.PeriodicJob {
	byName := make(map[string]Task, len(tasks))
	var periodic []*river.PeriodicJob
	for _, task := range tasks {
		byName[task.Name] = task
		args := periodicArgs{Name: task.Name}
		periodic = append(periodic, river.NewPeriodicJob(
			river.PeriodicInterval(task.Interval),
			func() (river.JobArgs, *river.InsertOpts) {
				// Unique per task and period: several servers schedule the
				// same task, and it should run once.
				return args, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true, ByPeriod: task.Interval}}
			},
			&river.PeriodicJobOpts{RunOnStart: true, ID: task.Name},
		))
	}
	river.AddWorker(workers, &periodicWorker{tasks: byName})
	return periodic
}
