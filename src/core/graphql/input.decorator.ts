import { Args } from '@nestjs/graphql';

/** The single `input` argument every mutation takes (DESIGN.md §3). */
export const Input = (): ParameterDecorator => Args('input', { description: 'What the mutation needs; see the input type.' });
