package io.stow.sops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Reads a JSON object into a mapping, keeping key order and telling integers from floats. */
final class JsonReader {

  private JsonReader() {}

  static Node.MapNode read(byte[] content, SopsLimits limits) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength((int) limits.maxFileBytes())
                    .maxDocumentLength(limits.maxFileBytes())
                    .build())
            .build();
    try (JsonParser parser = factory.createParser(content)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new StoreException("the JSON document is not an object");
      }
      Node.MapNode root = object(parser);
      if (parser.nextToken() != null) {
        throw new StoreException("trailing content after the JSON object" + where(parser));
      }
      return root;
    } catch (StreamConstraintsException e) {
      throw new StoreException(
          "the JSON document exceeds a limit (nesting deeper than "
              + limits.maxDepth()
              + " levels or larger than "
              + limits.maxFileBytes()
              + " bytes)");
    } catch (JsonParseException e) {
      // Jackson's message quotes the offending text; report only the position
      throw new StoreException("JSON syntax error" + where(e.getProcessor()));
    } catch (IOException e) {
      throw new StoreException("unreadable JSON (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * Whether the top-level object has a {@code sops} object with a {@code mac} or {@code version}
   * field, found by streaming tokens: values elsewhere are skipped, never decoded.
   */
  static boolean hasMetadataBlock(byte[] content) {
    try (JsonParser parser = new JsonFactory().createParser(content)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean sops = SopsFormat.METADATA_KEY.equals(parser.currentName());
        if (parser.nextToken() == JsonToken.START_OBJECT && sops) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            if (name.equals("mac") || name.equals("version")) {
              return true;
            }
            parser.nextToken();
            parser.skipChildren();
          }
          return false;
        }
        parser.skipChildren();
      }
      return false;
    } catch (IOException e) {
      return false; // malformed: not recognisably SOPS; a file with encrypted values is parsed
    }
  }

  private static Node.MapNode object(JsonParser parser) throws IOException {
    List<Node.Entry> entries = new ArrayList<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      parser.nextToken();
      entries.add(new Node.Field(key, value(parser)));
    }
    return new Node.MapNode(entries);
  }

  private static Node value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT:
        return object(parser);
      case START_ARRAY:
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(parser));
        }
        return new Node.ListNode(items);
      case VALUE_STRING:
        return Node.Scalar.of(parser.getText());
      case VALUE_NUMBER_INT:
        BigInteger big = parser.getBigIntegerValue();
        return Node.Scalar.of(big.bitLength() < 64 ? (Object) big.longValue() : big);
      case VALUE_NUMBER_FLOAT:
        return Node.Scalar.of(parser.getDoubleValue());
      case VALUE_TRUE:
        return Node.Scalar.of(Boolean.TRUE);
      case VALUE_FALSE:
        return Node.Scalar.of(Boolean.FALSE);
      case VALUE_NULL:
        return Node.Scalar.NULL;
      default:
        throw new StoreException("unexpected JSON token " + token + where(parser));
    }
  }

  private static String where(Object processor) {
    if (processor instanceof JsonParser parser) {
      var location = parser.currentLocation();
      return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
    return "";
  }
}
