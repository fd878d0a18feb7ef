package io.pricefeed.flink.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The state is what Flink keeps per symbol: it must be a POJO all the way down, without Kryo. */
class AnomalyStateTest {

    @Test
    void flinkSeesAPojoAllTheWayDown() {
        TypeInformation<AnomalyState> type = TypeInformation.of(AnomalyState.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<AnomalyState> pojo = (PojoTypeInfo<AnomalyState>) type;
        for (String field : new String[] {"priceMove", "gapOpen", "returnZScore", "volumeSurge"}) {
            assertThat(pojo.<Object>getTypeAt(field)).as(field).isInstanceOf(PojoTypeInfo.class);
        }
        PojoTypeInfo<ReturnZScoreState> z = (PojoTypeInfo<ReturnZScoreState>) pojo.<ReturnZScoreState>getTypeAt("returnZScore");
        assertThat(z.<Object>getTypeAt("returns")).isInstanceOf(PojoTypeInfo.class);
    }

    @Test
    void itRoundTripsThroughFlinksSerializerWithGenericTypesDisabled() {
        AnomalyDetector detector = new AnomalyDetector(AnomalyThresholds.defaults(), Fixtures.CAL);
        for (Object e : ScriptedSession.build().events().subList(0, 3_000)) {
            if (e instanceof Tick) {
                detector.onTick((Tick) e);
            } else {
                detector.onFinalMinuteBar((Bar) e);
            }
        }
        AnomalyState copy = flinkRoundTrip(detector.state());
        assertThat(copy).isNotSameAs(detector.state());
        assertThat(copy.toString()).isEqualTo(detector.state().toString());
        assertThat(javaRoundTrip(detector.state()).toString()).isEqualTo(detector.state().toString());
    }

    static AnomalyState flinkRoundTrip(AnomalyState state) {
        SerializerConfigImpl config = new SerializerConfigImpl();
        config.setGenericTypes(false); // Kryo would throw
        TypeSerializer<AnomalyState> serializer = TypeInformation.of(AnomalyState.class).createSerializer(config);
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serializer.serialize(state, out);
            return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AnomalyState javaRoundTrip(AnomalyState state) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(state);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (AnomalyState) in.readObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
