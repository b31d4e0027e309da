import type { Child } from "hono/jsx";
import { Page } from "./layout";

/** A page that says one thing: a result, or an error a person can act on. */
export function MessagePage(props: { title: string; children: Child }) {
  return (
    <Page title={props.title}>
      <h1>{props.title}</h1>
      {props.children}
    </Page>
  );
}

/** `back`: the page the refused form was on (its own path), so a person can go back to it. */
export function ErrorPage(props: { status: number; message: string; back?: string }) {
  const title =
    props.status === 404
      ? "Not found"
      : props.status === 429
        ? "Too many requests"
        : props.status >= 500
          ? "Something went wrong"
          : "That didn't work";
  return (
    <MessagePage title={title}>
      <p role="alert">{props.message}</p>
      <p>
        {props.back ? (
          <a class="alone" href={props.back}>
            Back to the page you were on
          </a>
        ) : (
          <a class="alone" href="/">
            Back to the subscribe form
          </a>
        )}
      </p>
    </MessagePage>
  );
}
