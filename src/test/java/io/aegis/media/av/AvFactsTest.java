package io.aegis.media.av;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AvFactsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aVideoWithSoundGivesDurationPictureAndSoundFacts() throws Exception {
        AvFacts facts = AvFacts.from(json.readTree("""
                {"streams":[
                  {"codec_type":"video","codec_name":"h264","width":1920,"height":1080,"avg_frame_rate":"30000/1001",
                   "disposition":{"attached_pic":0},"side_data_list":[{"rotation":-90}]},
                  {"codec_type":"audio","codec_name":"aac","sample_rate":"48000","channels":2}],
                 "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"12.345000","bit_rate":"2500000",
                           "tags":{"title":"Harbour"}}}
                """));

        assertThat(facts.hasVideo()).isTrue();
        assertThat(facts.hasAudio()).isTrue();
        assertThat(facts.durationSeconds()).isEqualTo(12.345);
        assertThat(facts.metadata().path("video").path("width").asInt()).isEqualTo(1920);
        assertThat(facts.metadata().path("video").path("frameRate").asDouble()).isEqualTo(29.97);
        assertThat(facts.metadata().path("video").path("rotation").asInt()).isEqualTo(-90);
        assertThat(facts.metadata().path("audio").path("sampleRate").asLong()).isEqualTo(48000);
        assertThat(facts.metadata().path("tags").path("title").asText()).isEqualTo("Harbour");
        assertThat(AvFacts.durationOf(facts.metadata())).isEqualTo(12.345);
    }

    @Test
    void coverArtInAnMp3IsNotAPicture() throws Exception {
        AvFacts facts = AvFacts.from(json.readTree("""
                {"streams":[
                  {"codec_type":"audio","codec_name":"mp3","sample_rate":"44100","channels":2},
                  {"codec_type":"video","codec_name":"mjpeg","width":500,"height":500,"disposition":{"attached_pic":1}}],
                 "format":{"format_name":"mp3","duration":"180.0"}}
                """));

        assertThat(facts.hasVideo()).isFalse();
        assertThat(facts.hasAudio()).isTrue();
        assertThat(facts.metadata().has("video")).isFalse();
    }

    @Test
    void aMissingOrNonsenseDurationIsUnknownNotZero() throws Exception {
        AvFacts facts = AvFacts.from(json.readTree("""
                {"streams":[{"codec_type":"audio","codec_name":"pcm_s16le"}],"format":{"duration":"N/A"}}
                """));

        assertThat(facts.durationSeconds()).isNull();
        assertThat(facts.metadata().has("durationSeconds")).isFalse();
    }
}
