// TodoWrite {todos}: the model's task list for the turn. The list is relayed to the main
// process (the phone can show progress); nothing touches the disk.
import { z } from 'zod';
import { defineTool } from './define.js';
import { ok } from './types.js';

const TodoSchema = z.object({
  content: z.string().min(1),
  status: z.enum(['pending', 'in_progress', 'completed']),
  activeForm: z.string().optional(),
  id: z.string().optional(),
  priority: z.enum(['high', 'medium', 'low']).optional(),
});

export const todoWriteTool = defineTool({
  name: 'TodoWrite',
  kind: 'meta',
  description:
    'Creates and updates your task list for the current work. Send the whole list each time; mark one task ' +
    'in_progress at a time and tasks completed as soon as they are done.',
  inputSchema: {
    type: 'object',
    properties: {
      todos: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            content: { type: 'string' },
            status: { type: 'string', enum: ['pending', 'in_progress', 'completed'] },
            activeForm: { type: 'string', description: 'Present-tense form shown while in progress' },
          },
          required: ['content', 'status'],
        },
      },
    },
    required: ['todos'],
    additionalProperties: false,
  },
  parse: z.object({ todos: z.array(TodoSchema) }),
  summarize: (input) => `update the task list (${input.todos.length} items)`,
  async run(input, ctx) {
    ctx.setTodos(input.todos.map((t) => ({ content: t.content, status: t.status, activeForm: t.activeForm })));
    const by = (s: string): number => input.todos.filter((t) => t.status === s).length;
    return ok(
      `Todo list updated: ${by('in_progress')} in progress, ${by('pending')} pending, ${by('completed')} completed.`,
    );
  },
});
