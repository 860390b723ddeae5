package dev.siam4j.core.remote;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One replica of a remote service.
 *
 * @param baseUri the replica's base URI, {@code http} or {@code https}, such as
 *     {@code http://gpu-node-3:8000/v1}
 * @param maxInFlight the most calls sent to it at once, positive
 * @param apiKey the bearer token it expects, if any; never printed by {@link #toString()}
 */
public record Endpoint(URI baseUri, int maxInFlight, Optional<String> apiKey) {

  /**
   * Validates.
   *
   * @param baseUri an {@code http} or {@code https} URI with a host, not null
   * @param maxInFlight calls at once, positive
   * @param apiKey the bearer token or empty, not null
   * @throws IllegalArgumentException when the URI is not http(s) with a host or {@code maxInFlight}
   *     is not positive
   */
  public Endpoint {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(apiKey, "apiKey");
    if (!"http".equals(baseUri.getScheme()) && !"https".equals(baseUri.getScheme())) {
      throw new IllegalArgumentException("baseUri must be http or https, was " + baseUri);
    }
    if (baseUri.getHost() == null) {
      throw new IllegalArgumentException("baseUri has no host: " + baseUri);
    }
    if (maxInFlight <= 0) {
      throw new IllegalArgumentException("maxInFlight must be positive, was " + maxInFlight + " for " + baseUri);
    }
  }

  /**
   * @param baseUri the replica's base URI
   * @param maxInFlight the most calls sent to it at once
   * @return an endpoint without an API key
   */
  public static Endpoint of(URI baseUri, int maxInFlight) {
    return new Endpoint(baseUri, maxInFlight, Optional.empty());
  }

  /**
   * @param baseUri the replica's base URI, as text
   * @param maxInFlight the most calls sent to it at once
   * @return an endpoint without an API key
   * @throws IllegalArgumentException when {@code baseUri} is not a valid http(s) URI
   */
  public static Endpoint of(String baseUri, int maxInFlight) {
    Objects.requireNonNull(baseUri, "baseUri");
    return of(URI.create(baseUri), maxInFlight);
  }

  /**
   * @param key the token, not blank
   * @return a copy that sends {@code key} as a bearer token
   * @throws IllegalArgumentException when {@code key} is blank
   */
  public Endpoint withApiKey(String key) {
    Objects.requireNonNull(key, "apiKey");
    if (key.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank for " + baseUri);
    }
    return new Endpoint(baseUri, maxInFlight, Optional.of(key));
  }

  /**
   * @param path a path relative to the base, without a leading slash ({@code "chat/completions"})
   * @return the base URI with {@code path} appended
   */
  public URI resolve(String path) {
    Objects.requireNonNull(path, "path");
    String base = baseUri.toString();
    return URI.create(base.endsWith("/") ? base + path : base + "/" + path);
  }

  /** @return the base URI and limit; the API key is never shown */
  @Override
  public String toString() {
    return baseUri + " (max " + maxInFlight + " in flight" + (apiKey.isPresent() ? ", with API key)" : ")");
  }
}
