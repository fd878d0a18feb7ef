package io.pricefeed.infra;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a synthesized CloudFormation value as the text it becomes at deploy time, with each
 * reference shown as a readable placeholder: {@code {"Fn::Join":["",["s3://",{"Ref":"Lake"}]]}}
 * reads {@code s3://${Ref:Lake}}. Tests compare whole strings (a JSON document in an environment
 * variable, a Glue location) without caring how CDK split them around tokens.
 */
final class TemplateText {

    private TemplateText() {
    }

    static String render(Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            Object argument = entry.getValue();
            switch (entry.getKey().toString()) {
                case "Ref":
                    return "${Ref:" + argument + "}";
                case "Fn::GetAtt":
                    return "${" + ((List<?>) argument).stream().map(Object::toString).collect(Collectors.joining(".")) + "}";
                case "Fn::ImportValue":
                    return "${Import:" + render(argument) + "}";
                case "Fn::Sub":
                    return render(argument instanceof List<?> list ? list.get(0) : argument);
                case "Fn::Join": {
                    List<?> parts = (List<?>) argument;
                    String separator = parts.get(0).toString();
                    return ((List<?>) parts.get(1)).stream().map(TemplateText::render)
                            .collect(Collectors.joining(separator));
                }
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("Cannot render template value " + value);
    }
}
